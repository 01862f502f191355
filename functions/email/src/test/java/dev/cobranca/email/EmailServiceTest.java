package dev.cobranca.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.email.MailDeliveryException.Kind;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailServiceTest {

    private static final UUID UPLOAD = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5f0b7a8e14");

    private final InMemoryChargeStore charges = new InMemoryChargeStore();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final InMemoryMailAlerts alerts = new InMemoryMailAlerts();
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private final EmailMetrics metrics = new EmailMetrics(new PrintStream(metricLines, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC), "cobranca-EmailFunction-Ab12");
    private final EmailService service = new EmailService(charges, objects, mailer, Duration.ofMinutes(5), alerts, metrics,
            Duration.ofSeconds(10));

    private void invoiced(String... debtIds) {
        for (String id : debtIds) {
            charges.add(UPLOAD, id, id + "@example.com", ChargeStatus.INVOICED);
            objects.put("invoices/" + id + ".pdf", ("%PDF-1.7 boleto of " + id).getBytes(StandardCharsets.US_ASCII), "application/pdf");
        }
    }

    private void handle(String... debtIds) {
        try (EmailService.Batch batch = service.openBatch()) {
            batch.handle(MessageCodec.encode(new EmailRequested(UPLOAD, List.of(debtIds))));
        }
    }

    @Test
    void shouldSendEachChargeItsOwnBoleto_andMarkItEmailed() {
        invoiced("a-1", "a-2");

        handle("a-1", "a-2");

        assertThat(mailer.sent).extracting(Email::to).containsExactly("a-1@example.com", "a-2@example.com");
        Email first = mailer.sent.getFirst();
        assertThat(first.attachmentName()).isEqualTo("boleto-a-1.pdf");
        assertThat(new String(first.attachment(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7 boleto of a-1");
        assertThat(first.referenceId()).isEqualTo("a-1");
        assertThat(charges.row("a-1").status).isEqualTo(ChargeStatus.EMAILED);
        assertThat(charges.row("a-2").status).isEqualTo(ChargeStatus.EMAILED);
        assertThat(charges.completions).containsExactly(Set.of(UPLOAD));
    }

    @Test
    void shouldSendOnce_whenTheSameMessageComesTwice() {
        invoiced("a-1", "a-2");

        handle("a-1", "a-2");
        handle("a-1", "a-2");

        assertThat(mailer.sent).hasSize(2);
    }

    @Test
    void shouldLeaveAChargeToTheDeliveryThatClaimedIt() {
        invoiced("a-1", "a-2");
        charges.claim(List.of("a-2"), UUID.randomUUID(), Duration.ofMinutes(5)); // a concurrent delivery, still sending

        handle("a-1", "a-2");

        assertThat(mailer.sent).extracting(Email::to).containsExactly("a-1@example.com");
        assertThat(charges.row("a-2").status).isEqualTo(ChargeStatus.INVOICED);
    }

    @Test
    void shouldSendAgain_whenAnEarlierClaimExpired() {
        invoiced("a-1");
        charges.claim(List.of("a-1"), UUID.randomUUID(), Duration.ofSeconds(-1)); // a sender that died

        handle("a-1");

        assertThat(mailer.sent).hasSize(1);
        assertThat(charges.row("a-1").status).isEqualTo(ChargeStatus.EMAILED);
    }

    @Test
    void shouldFailTheCharge_whenTheServerRefusesTheRecipientForGood_andSendTheOthers() {
        invoiced("a-1", "a-2", "a-3");
        mailer.refuse("a-2@example.com", true, "550 5.1.1 User unknown");

        handle("a-1", "a-2", "a-3");

        assertThat(mailer.sent).extracting(Email::to).containsExactly("a-1@example.com", "a-3@example.com");
        assertThat(charges.row("a-2").status).isEqualTo(ChargeStatus.FAILED);
        assertThat(charges.row("a-2").lastError)
                .isEqualTo("e-mail refused for a***@example.com: 550 5.1.1 User unknown")
                .doesNotContain("a-2@example.com");
        assertThat(charges.row("a-3").status).isEqualTo(ChargeStatus.EMAILED);
    }

    @Test
    void shouldFailTheMessage_andFreeWhatItDidNotSend_whenTheServerFailsTransiently() {
        invoiced("a-1", "a-2", "a-3");
        mailer.refuse("a-2@example.com", false, "451 4.3.0 try again later");

        assertThatThrownBy(() -> handle("a-1", "a-2", "a-3"))
                .isInstanceOf(MailDeliveryException.class).hasMessage("451 4.3.0 try again later");

        assertThat(charges.row("a-1").status).isEqualTo(ChargeStatus.EMAILED);
        assertThat(charges.row("a-2").status).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row("a-2").claimUntil).as("released for the retry").isNull();
        assertThat(charges.row("a-3").claimUntil).isNull();

        mailer.accept("a-2@example.com");
        handle("a-1", "a-2", "a-3"); // SQS delivers the message again

        assertThat(mailer.sent).extracting(Email::to)
                .containsExactly("a-1@example.com", "a-2@example.com", "a-3@example.com");
    }

    @Test
    void shouldFailTheMessage_whenTheBoletoCannotBeRead_andFreeTheClaims() {
        invoiced("a-1");
        objects.clear();

        assertThatThrownBy(() -> handle("a-1")).hasMessageContaining("invoices/a-1.pdf");

        assertThat(charges.row("a-1").status).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row("a-1").claimUntil).isNull();
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void shouldRefuseAMessageThatIsNotAnEmailRequested() {
        try (EmailService.Batch batch = service.openBatch()) {
            assertThatThrownBy(() -> batch.handle("{\"upload_id\":\"x\"}"))
                    .isInstanceOf(MessageCodec.MalformedMessageException.class);
        }
    }

    @Test
    void shouldSendTheChargesBeforeAnUnreadableBoleto_andFreeTheOthers() {
        invoiced("a-1", "a-2", "a-3", "a-4");
        objects.delete("invoices/a-3.pdf");

        assertThatThrownBy(() -> handle("a-1", "a-2", "a-3", "a-4")).hasMessageContaining("invoices/a-3.pdf");

        assertThat(mailer.sent).extracting(Email::to).containsExactly("a-1@example.com", "a-2@example.com");
        assertThat(charges.row("a-2").status).isEqualTo(ChargeStatus.EMAILED);
        assertThat(charges.row("a-3").status).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row("a-3").claimUntil).as("released for the retry").isNull();
        assertThat(charges.row("a-4").claimUntil).isNull();
    }

    @Test
    void shouldReadTheBoletosAheadOfTheSender_andStillSendInOrder() {
        invoiced("a-1", "a-2", "a-3", "a-4", "a-5", "a-6");
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ObjectStore slow = new ObjectStore() {
            @Override
            public InputStream open(String key) {
                mostAtOnce.accumulateAndGet(reading.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(50); // an S3 GET's latency
                    return objects.open(key);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    reading.decrementAndGet();
                }
            }

            @Override
            public Optional<ObjectInfo> head(String key) {
                return objects.head(key);
            }

            @Override
            public void put(String key, byte[] content, String contentType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void put(String key, Path file, String contentType) {
                throw new UnsupportedOperationException();
            }
        };
        EmailService prefetching = new EmailService(charges, slow, mailer, Duration.ofMinutes(5));

        try (EmailService.Batch batch = prefetching.openBatch()) {
            batch.handle(new EmailRequested(UPLOAD, List.of("a-1", "a-2", "a-3", "a-4", "a-5", "a-6")));
        }

        assertThat(mostAtOnce.get()).as("boletos read concurrently").isGreaterThan(1);
        assertThat(mailer.sent).extracting(Email::referenceId).containsExactly("a-1", "a-2", "a-3", "a-4", "a-5", "a-6");
        assertThat(mailer.sent.get(4).attachment()).asString(StandardCharsets.US_ASCII).isEqualTo("%PDF-1.7 boleto of a-5");
    }

    @Test
    void shouldStopAndFreeTheUnsent_withoutFailingAnyCharge_whenTheServerThrottles() {
        invoiced("a-1", "a-2", "a-3");
        mailer.refuse("a-2@example.com", Kind.THROTTLED, "454 Throttling failure: Maximum sending rate exceeded.");

        assertThatThrownBy(() -> handle("a-1", "a-2", "a-3"))
                .isInstanceOfSatisfying(SendingStopped.class, e -> assertThat(e.reason()).isEqualTo(SendingStopped.Reason.THROTTLED));

        assertThat(mailer.attempts).as("nothing tried after the 454").isEqualTo(2);
        assertThat(charges.row("a-1").status).isEqualTo(ChargeStatus.EMAILED);
        assertThat(List.of("a-2", "a-3")).allSatisfy(id -> {
            assertThat(charges.row(id).status).isEqualTo(ChargeStatus.INVOICED);
            assertThat(charges.row(id).claimUntil).as("released for the retry").isNull();
        });
        assertThat(alerts.open).containsOnlyKeys(MailAlerts.THROTTLED);

        mailer.accept("a-2@example.com");
        handle("a-1", "a-2", "a-3"); // after the back-off

        assertThat(mailer.sent).extracting(Email::referenceId).containsExactly("a-1", "a-2", "a-3");
        assertThat(alerts.open).as("cleared once e-mails go through").isEmpty();
    }

    @Test
    void shouldFailNoCharge_andRaiseTheAlarm_whenTheSenderIsNotVerified() {
        invoiced("a-1", "a-2", "a-3");
        mailer.refuseNext(1, Kind.BLOCKED, "554 Message rejected: Email address is not verified.");

        assertThatThrownBy(() -> handle("a-1", "a-2", "a-3"))
                .isInstanceOfSatisfying(SendingStopped.class, e -> assertThat(e.reason()).isEqualTo(SendingStopped.Reason.BLOCKED));

        assertThat(mailer.attempts).isEqualTo(1);
        assertThat(List.of("a-1", "a-2", "a-3")).allSatisfy(id -> {
            assertThat(charges.row(id).status).isEqualTo(ChargeStatus.INVOICED);
            assertThat(charges.row(id).claimUntil).isNull();
        });
        assertThat(alerts.open).containsEntry(MailAlerts.SENDING_BLOCKED, "554 Message rejected: Email address is not verified.");
        assertThat(metricLines.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"_aws":{"Timestamp":1796126400000,"CloudWatchMetrics":[{"Namespace":"Cobranca","Dimensions":[["FunctionName"]],\
                "Metrics":[{"Name":"EmailSendingBlocked","Unit":"Count"}]}]},"FunctionName":"cobranca-EmailFunction-Ab12",\
                "EmailSendingBlocked":1}
                """);
    }

    @Test
    void shouldStartNoEmail_withLessThanTheMarginLeft_andHandTheRestBack() {
        invoiced("a-1", "a-2", "a-3");
        Deque<Long> remaining = new ArrayDeque<>(List.of(60_000L, 30_000L, 9_000L)); // before the claim, a-1, a-2

        assertThatThrownBy(() -> {
            try (EmailService.Batch batch = service.openBatch(remaining::pop)) {
                batch.handle(new EmailRequested(UPLOAD, List.of("a-1", "a-2", "a-3")));
            }
        }).isInstanceOfSatisfying(SendingStopped.class, e -> assertThat(e.reason()).isEqualTo(SendingStopped.Reason.OUT_OF_TIME));

        assertThat(mailer.sent).extracting(Email::referenceId).containsExactly("a-1");
        assertThat(charges.row("a-2").claimUntil).as("free for the redelivery").isNull();
        assertThat(charges.row("a-3").claimUntil).isNull();
    }

    @Test
    void shouldNotClaimAnything_whenTheTimeIsSpentBeforeTheMessageStarts() {
        invoiced("a-1");

        assertThatThrownBy(() -> {
            try (EmailService.Batch batch = service.openBatch(() -> 5_000L)) {
                batch.handle(new EmailRequested(UPLOAD, List.of("a-1")));
            }
        }).isInstanceOf(SendingStopped.class);

        assertThat(charges.row("a-1").claimUntil).isNull();
        assertThat(mailer.attempts).isZero();
    }

    @Test
    void shouldKeepTheClaim_whenMarkingEmailedFailsAfterTheSend_soARedeliveryDoesNotSendAgain() {
        invoiced("a-1", "a-2");
        charges.markEmailedFails = true;

        assertThatThrownBy(() -> handle("a-1", "a-2")).hasMessageContaining("marking charge EMAILED failed");

        assertThat(mailer.sent).extracting(Email::referenceId).containsExactly("a-1");
        assertThat(charges.row("a-1").status).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row("a-1").claimUntil).as("the sent charge keeps its claim").isNotNull();
        assertThat(charges.row("a-2").claimUntil).as("the unsent one is freed").isNull();

        charges.markEmailedFails = false;
        handle("a-1", "a-2"); // SQS delivers the message again, within the claim

        assertThat(mailer.sent).extracting(Email::referenceId).containsExactly("a-1", "a-2");
        assertThat(charges.row("a-2").status).isEqualTo(ChargeStatus.EMAILED);
    }

    @Test
    void shouldBackOffLongerWithEachDelivery_andOutlastAnHourOfThrottlingWithinTheQueuesReceiveCount() {
        RedeliveryDelays delays = RedeliveryDelays.DEFAULT;
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40)).extracting(n -> delays.seconds(SendingStopped.Reason.THROTTLED, n))
                .containsExactly(30, 60, 120, 240, 480, 900, 900, 900);
        int maxReceiveCount = 10; // template.yaml EmailQueue
        int total = 0;
        for (int n = 1; n <= maxReceiveCount; n++) {
            total += delays.seconds(SendingStopped.Reason.THROTTLED, n);
        }
        assertThat(total).as("seconds of throttling before a message could be dead-lettered").isGreaterThan(3600);
        assertThat(delays.seconds(SendingStopped.Reason.BLOCKED, 1)).isEqualTo(900);
        assertThat(delays.seconds(SendingStopped.Reason.OUT_OF_TIME, 3)).isZero();
    }
}
