package dev.cobranca.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import dev.cobranca.testfixtures.LambdaEvents;
import java.time.Duration;
import dev.cobranca.aws.MessageVisibility;
import dev.cobranca.email.MailDeliveryException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler fed the sample events in events/email, read through Lambda's own serialization. */
class EmailHandlerTest {

    private static final UUID UPLOAD = LambdaEvents.SAMPLE_UPLOAD_ID;
    private static final List<String> DEBT_IDS = LambdaEvents.SAMPLE_DEBT_IDS;

    private final InMemoryChargeStore charges = new InMemoryChargeStore();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final EmailHandler handler = new EmailHandler(new EmailService(charges, objects, mailer, Duration.ofMinutes(5)));

    static SQSEvent event(String name) {
        return LambdaEvents.load("email/" + name, SQSEvent.class);
    }

    @BeforeEach
    void invoiceTheEventsCharges() {
        for (int i = 0; i < DEBT_IDS.size(); i++) {
            String id = DEBT_IDS.get(i);
            charges.add(UPLOAD, id, "devedor" + i + "@example.com", ChargeStatus.INVOICED);
            objects.put("invoices/" + id + ".pdf", new byte[] {'%', 'P', 'D', 'F'}, "application/pdf");
        }
    }

    @Test
    void shouldEmailEveryChargeOfTheBatch_overOneSession() {
        SQSBatchResponse response = handler.handleRequest(event("sqs-email-requested.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(mailer.sent).hasSize(5);
        assertThat(mailer.sessionsOpened).isEqualTo(1);
        assertThat(mailer.sessionsClosed).isEqualTo(1);
        assertThat(DEBT_IDS).allSatisfy(id -> assertThat(charges.row(id).status).isEqualTo(ChargeStatus.EMAILED));
    }

    @Test
    void shouldReportOnlyThePoisonMessage() {
        SQSBatchResponse response = handler.handleRequest(event("sqs-email-requested-poison.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d");
        assertThat(mailer.sent).hasSize(3);
    }

    @Test
    void shouldReportTheMessageWithATransientFailure_andFinishTheOthers() {
        mailer.refuse("devedor0@example.com", false, "421 4.4.2 connection dropped");
        mailer.refuse("devedor3@example.com", true, "550 5.1.1 mailbox unavailable");

        SQSBatchResponse response = handler.handleRequest(event("sqs-email-requested.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("7d4c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09");
        assertThat(charges.row(DEBT_IDS.get(0)).status).isEqualTo(ChargeStatus.INVOICED);
        assertThat(charges.row(DEBT_IDS.get(3)).status).isEqualTo(ChargeStatus.FAILED);
        assertThat(charges.row(DEBT_IDS.get(4)).status).isEqualTo(ChargeStatus.EMAILED);
    }

    @Test
    void shouldHandBackTheRestOfTheBatch_withABackOff_whenTheServerThrottles() {
        List<MessageVisibility.Change> changes = new ArrayList<>();
        EmailHandler backingOff = new EmailHandler(new EmailService(charges, objects, mailer, Duration.ofMinutes(5)),
                changes::addAll, RedeliveryDelays.DEFAULT);
        mailer.refuseNext(1, Kind.THROTTLED, "454 Throttling failure: Maximum sending rate exceeded.");

        SQSBatchResponse response = backingOff.handleRequest(event("sqs-email-requested.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .as("both messages, the second never tried").hasSize(2);
        assertThat(mailer.attempts).isEqualTo(1);
        assertThat(changes).extracting(MessageVisibility.Change::visibilitySeconds).containsExactly(30, 30);
        assertThat(changes).allSatisfy(c -> assertThat(c.receiptHandle()).startsWith("AQEB"));
        assertThat(DEBT_IDS).allSatisfy(id -> assertThat(charges.row(id).status).isEqualTo(ChargeStatus.INVOICED));
    }
}
