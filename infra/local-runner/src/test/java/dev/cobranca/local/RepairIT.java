package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.sample.SampleDebtGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The repair function on its schedule in the runner: what a lost message leaves behind is brought forward, and what
 * sits in a dead-letter queue is shown on the upload.
 */
class RepairIT extends StackPerTest {

    private static final Duration PERIOD = Duration.ofSeconds(3);
    private static final int STALE_SECONDS = 2;

    @Test
    void messageDeletedFromTheQueueByHand_shouldBeRepairedWithinOneRepairPeriod_andDeadLettersShown() throws Exception {
        // one poller per queue, so InvoiceRequested messages wait in the queue long enough to take one by hand; small
        // messages, so every repair period sees boletos made while the pipeline works
        stack = RunningStack.start(dataDir, true, null, 1, Map.of("REPAIR_STALE_SECONDS", Integer.toString(STALE_SECONDS),
                "INVOICE_MESSAGE_DEBT_IDS", "100"), Map.of("RepairFunction", PERIOD));
        Path csv = files.resolve("debts.csv");
        SampleDebtGenerator.write(csv, 1_000, 17, 0);

        String uploadId = stack.upload(csv);
        SqsClient sqs = stack.stack.emulators().sqs().client();
        Message taken = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); taken == null && System.nanoTime() < deadline; ) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(stack.queueUrl("InvoiceQueue")).maxNumberOfMessages(1)
                    .waitTimeSeconds(1)).messages();
            taken = got.isEmpty() ? null : got.getFirst();
        }
        assertThat(taken).as("an InvoiceRequested message in the queue").isNotNull();
        String handle = taken.receiptHandle();
        sqs.deleteMessage(b -> b.queueUrl(stack.queueUrl("InvoiceQueue")).receiptHandle(handle));
        InvoiceRequested lost = MessageCodec.decode(taken.body(), InvoiceRequested.class);
        String lostIds = "'" + String.join("','", lost.debtIds()) + "'";

        JsonNode done = stack.awaitFinished(uploadId, Duration.ofMinutes(3));

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("charges").path("emailed").asLong()).isEqualTo(1_000);
        assertThat(stack.scalar("select count(*) from charges where status = 'EMAILED' and debt_id in (" + lostIds + ")"))
                .as("every charge of the deleted message e-mailed").isEqualTo(lost.debtIds().size());
        assertThat(stack.scalar("select count(*) from charges where repair_enqueued_at is null and debt_id in (" + lostIds + ")"))
                .as("the deleted message's charges were enqueued again by the repair").isZero();
        // waiting longer than STALE_SECONDS already, they are taken for lost once a whole run saw no boleto made for the
        // upload: the first run after the last other boleto sees progress, the next one repairs (a few seconds for
        // the boletos themselves)
        assertThat(stack.scalar("select (extract(epoch from (select max(invoiced_at) from charges where debt_id in (" + lostIds
                + ")) - (select max(invoiced_at) from charges where debt_id not in (" + lostIds + "))) * 1000)::bigint"))
                .isLessThanOrEqualTo(2 * PERIOD.toMillis() + 4_000);
        assertThat(stack.emlFiles()).isEqualTo(1_000);

        // a message nobody can process, in a dead-letter queue: counted on the upload at the next run
        sqs.sendMessage(b -> b.queueUrl(stack.queueUrl("EmailDeadLetterQueue")).messageBody("{\"poison\": true}"));
        JsonNode stuck = null;
        for (long deadline = System.nanoTime() + PERIOD.multipliedBy(3).toNanos(); System.nanoTime() < deadline; Thread.sleep(200)) {
            stuck = stack.uploadStatus(uploadId).path("stuck");
            if (stuck.path("deadLettered").asLong() == 1) {
                break;
            }
        }
        assertThat(stuck.path("deadLettered").asLong()).as("stuck: %s", stuck).isEqualTo(1);
        assertThat(stuck.path("waitingInvoice").asLong()).isZero();
        assertThat(stuck.path("waitingEmail").asLong()).isZero();
        assertThat(stuck.path("requeued").asLong()).isGreaterThanOrEqualTo(lost.debtIds().size());
        assertThat(stuck.path("lastRepairAt").asText()).isNotBlank();
        assertThat(stack.string("select dead_lettered->>'email' from repair_runs order by started_at desc limit 1")).isEqualTo("1");
    }

    @Test
    void uploadWhoseS3EventWasLost_shouldBeImportedByTheRepair() throws Exception {
        stack = RunningStack.start(dataDir, true, null, 0, Map.of("REPAIR_STALE_SECONDS", Integer.toString(STALE_SECONDS)),
                Map.of("RepairFunction", PERIOD));
        Path csv = files.resolve("debts.csv");
        SampleDebtGenerator.write(csv, 50, 29, 0);
        JsonNode created = stack.createUpload("debts.csv", java.nio.file.Files.size(csv));
        String uploadId = created.path("uploadId").asText();
        // the object lands in the bucket's directory behind S3's back: stored, and no event about it ever sent
        Path object = stack.object("uploads/" + uploadId + ".csv");
        java.nio.file.Files.createDirectories(object.getParent());
        java.nio.file.Files.copy(csv, object);
        assertThat(stack.uploadStatus(uploadId).path("status").asText()).isEqualTo("WAITING");

        JsonNode done = stack.awaitFinished(uploadId, Duration.ofMinutes(2));

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("rows").path("accepted").asLong()).isEqualTo(50);
        assertThat(stack.scalar("select imports_restarted from upload_repairs where upload_id = '" + uploadId + "'"))
                .as("the repair delivered the import").isPositive();
    }
}
