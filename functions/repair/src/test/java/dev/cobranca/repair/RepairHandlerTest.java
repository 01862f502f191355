package dev.cobranca.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.testfixtures.LambdaEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The repair run on the sample EventBridge event, against in-memory ports. */
class RepairHandlerTest {

    private static final UUID UPLOAD = UUID.fromString("5b0e4a3c-9f65-4a49-8f0e-3a1c2a1c9d11");

    private final FakeStore store = new FakeStore();
    private final List<String> invoiceBodies = new ArrayList<>();
    private final List<String> emailBodies = new ArrayList<>();
    private final List<ImportTrigger.UploadObject> delivered = new ArrayList<>();
    private final Map<String, ImportTrigger.UploadObject> stored = new java.util.HashMap<>();
    private DeadLetters deadLetters = () -> Map.of("invoice", 0L, "email", 3L);
    private MessagePublisher emailQueue = emailBodies::addAll;

    @Test
    void shouldEnqueueStaleCharges_inMessagesAsThePipelineWritesThem_thenRecordThem() {
        store.stale.put(RepairStore.Stage.INVOICE, ids("c", 1_200));
        store.stale.put(RepairStore.Stage.EMAIL, ids("i", 250));

        RepairReport report = handler().handleRequest(sampleEvent(), null);

        assertThat(invoiceBodies).extracting(b -> MessageCodec.decode(b, InvoiceRequested.class).debtIds().size())
                .containsExactly(500, 500, 200);
        assertThat(emailBodies).extracting(b -> MessageCodec.decode(b, EmailRequested.class).debtIds().size())
                .containsExactly(100, 100, 50);
        assertThat(MessageCodec.decode(invoiceBodies.getFirst(), InvoiceRequested.class).uploadId()).isEqualTo(UPLOAD);
        assertThat(store.marked).hasSize(1_450);
        assertThat(report.invoicesRequeued()).isEqualTo(1_200);
        assertThat(report.emailsRequeued()).isEqualTo(250);
        assertThat(report.deadLettered()).containsEntry("email", 3L);
        assertThat(store.recorded).containsKey(UPLOAD);
        assertThat(store.recorded.get(UPLOAD).requeued()).isEqualTo(1_450);
    }

    @Test
    void shouldDeliverImportsAgain_butNotAWaitingUploadWithNoObject() {
        UUID dead = UUID.randomUUID();
        UUID neverUploaded = UUID.randomUUID();
        UUID waitingWithObject = UUID.randomUUID();
        store.imports.add(new RepairStore.UploadToImport(dead, "b", "uploads/" + dead + ".csv", UploadStatus.IMPORTING));
        store.imports.add(new RepairStore.UploadToImport(neverUploaded, "b", "uploads/" + neverUploaded + ".csv", UploadStatus.WAITING));
        store.imports.add(new RepairStore.UploadToImport(waitingWithObject, "b", "uploads/" + waitingWithObject + ".csv", UploadStatus.WAITING));
        stored.put("uploads/" + dead + ".csv", new ImportTrigger.UploadObject("b", "uploads/" + dead + ".csv", "e1", 10));
        stored.put("uploads/" + waitingWithObject + ".csv", new ImportTrigger.UploadObject("b", "uploads/" + waitingWithObject + ".csv", "e2", 20));

        RepairReport report = handler().handleRequest(sampleEvent(), null);

        assertThat(delivered).extracting(ImportTrigger.UploadObject::etag).containsExactly("e1", "e2");
        assertThat(report.importsRestarted()).isEqualTo(2);
    }

    @Test
    void shouldDoEveryOtherStep_whenOneFails_thenFail() {
        store.stale.put(RepairStore.Stage.INVOICE, ids("c", 10));
        store.stale.put(RepairStore.Stage.EMAIL, ids("i", 10));
        emailQueue = bodies -> {
            throw new IllegalStateException("SQS unreachable");
        };
        deadLetters = () -> Map.of("email", 1L);

        assertThatThrownBy(() -> handler().handleRequest(sampleEvent(), null))
                .isInstanceOf(RepairService.RepairFailedException.class).hasMessageContaining("SQS unreachable");

        assertThat(invoiceBodies).hasSize(1);
        assertThat(store.marked).as("charges whose message was not sent are not marked").hasSize(10);
        assertThat(store.runs).as("the findings are recorded all the same").isEqualTo(1);
    }

    private RepairHandler handler() {
        RepairService service = new RepairService(store, (bucket, key) -> Optional.ofNullable(stored.get(key)),
                delivered::add, invoiceBodies::addAll, bodies -> emailQueue.publish(bodies), () -> deadLetters.depths(),
                new RepairService.Settings(Duration.ofMinutes(15), 100_000), Clock.systemUTC());
        return new RepairHandler(service, false);
    }

    /** The sample event, read through Lambda's own serialization, as Lambda hands it to the handler. */
    private static ScheduledEvent sampleEvent() {
        return LambdaEvents.load("repair/eventbridge-scheduled.json", ScheduledEvent.class);
    }

    private static List<RepairStore.StaleCharge> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new RepairStore.StaleCharge(UPLOAD, prefix + i)).toList();
    }

    private static final class FakeStore implements RepairStore {
        final List<UploadToImport> imports = new ArrayList<>();
        final Map<Stage, List<StaleCharge>> stale = new java.util.EnumMap<>(Stage.class);
        final List<String> marked = new ArrayList<>();
        Map<UUID, UploadFindings> recorded = Map.of();
        int runs;

        @Override
        public List<UploadToImport> importsToRestart(Duration waitingAge, int limit) {
            return imports;
        }

        @Override
        public Map<UUID, Progress> progress() {
            return Map.of(UPLOAD, new Progress(new Counts(5, 5), null));
        }

        @Override
        public List<StaleCharge> staleCharges(Stage stage, Collection<UUID> uploadIds, Duration stale, int limit) {
            return this.stale.getOrDefault(stage, List.of()).stream().filter(c -> uploadIds.contains(c.uploadId())).toList();
        }

        @Override
        public void markRequeued(Collection<String> debtIds) {
            marked.addAll(debtIds);
        }

        @Override
        public int completeDoneUploads() {
            return 0;
        }

        @Override
        public Map<UUID, Waiting> waiting(Duration stale) {
            return Map.of();
        }

        @Override
        public Map<String, Long> failedByReason(Duration window) {
            return Map.of();
        }

        @Override
        public long failedUploads(Duration window) {
            return 0;
        }

        @Override
        public void record(RepairReport report, Map<UUID, UploadFindings> perUpload) {
            recorded = perUpload;
            runs++;
        }
    }
}
