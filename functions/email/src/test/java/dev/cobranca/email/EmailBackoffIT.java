package dev.cobranca.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.aws.SqsMessageVisibility;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.adapter.PostgresChargeStore;
import dev.cobranca.email.adapter.PostgresMailAlerts;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.emulators.SmtpEmulator;
import dev.cobranca.emulators.SmtpWithoutUtf8;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.SqsEventSource;
import dev.cobranca.testfixtures.FreshDatabase;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import dev.cobranca.testfixtures.LambdaEvents;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The e-mail function as SES really behaves, end to end over the protocols: PostgreSQL, SMTP (GreenMail answering
 * like SES at the end of DATA) and SQS (ElasticMQ with the template's redrive: maxReceiveCount 10), the handler
 * driven by the local runner's SQS event source, one poll at a time, as Lambda's event-source mapping drives it.
 */
class EmailBackoffIT {

    private static final String FROM = "cobranca@example.com";
    private static final int MAX_RECEIVE_COUNT = 10;
    /** Seconds, shortened from 30 / 900 so the test waits a few seconds, not an hour. */
    private static final RedeliveryDelays DELAYS = new RedeliveryDelays(1, 2);

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();
    private SmtpEmulator smtp;
    private SqsEmulator sqs;
    private String queueUrl;
    private String deadLetterUrl;
    private String queueArn;
    private EmailHandler handler;
    private InMemoryObjectStore boletos;
    private final ByteArrayOutputStream metricLines = new ByteArrayOutputStream();
    private final UUID uploadId = UUID.randomUUID();
    private final List<String> debtIds = IntStream.rangeClosed(1, 15).mapToObj("debt-%02d"::formatted).toList();

    @BeforeEach
    void start() throws SQLException {
        smtp = SmtpEmulator.start();
        sqs = SqsEmulator.start();
        deadLetterUrl = sqs.createQueue("email-dlq");
        queueUrl = sqs.createQueue("email", Map.of("VisibilityTimeout", "720",
                "RedrivePolicy", sqs.redrivePolicy(deadLetterUrl, MAX_RECEIVE_COUNT)));
        queueArn = sqs.queueArn(queueUrl);

        boletos = new InMemoryObjectStore();
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + uploadId + "', 'b', 'uploads/x.csv', 'IMPORTED')");
        for (String id : debtIds) {
            db.sql().execute("""
                    insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status,
                                         barcode, digitable_line, invoice_key)
                    values ('%s', '%s', 'Maria da Silva', '11111111111', '%s@example.com', 10.50, date '2026-12-01',
                            'INVOICED', repeat('0', 44), '%s', 'invoices/%s.pdf')""".formatted(id, uploadId, id,
                    InMemoryChargeStore.LINE, id));
            boletos.put("invoices/" + id + ".pdf", ("%PDF-1.7 " + id).getBytes(StandardCharsets.US_ASCII), "application/pdf");
        }
        handler = handler(smtp.host(), smtp.port());
        // Three EmailRequested of five debtIds each, as the invoice function enqueues them.
        for (int i = 0; i < debtIds.size(); i += 5) {
            String body = MessageCodec.encode(new EmailRequested(uploadId, debtIds.subList(i, i + 5)));
            sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
    }

    @AfterEach
    void stop() {
        sqs.close();
        smtp.close();
    }

    @Test
    void shouldEmailEveryChargeOnce_andDeadLetterNothing_whenSesThrottlesForAWhile() throws Exception {
        smtp.throttleNext(4);

        List<Long> deliveries = new ArrayList<>();
        long started = System.nanoTime();
        int polls = 0;
        while (status("EMAILED") < debtIds.size() && polls++ < 40) {
            if (pollOnce() > 0) {
                deliveries.add((System.nanoTime() - started) / 1_000_000);
            }
        }

        assertThat(emailedDebtIds()).as("each charge e-mailed exactly once").hasSize(15).containsOnlyOnceElementsOf(debtIds);
        assertThat(status("EMAILED")).isEqualTo(15);
        assertThat(status("FAILED")).isZero();
        assertThat(sqs.approximateMessages(deadLetterUrl)).as("nothing dead-lettered").isZero();
        assertThat(deliveries).as("four throttled deliveries, then the one that sends").hasSizeGreaterThanOrEqualTo(5);
        // The back-off was honoured: 1 s, then 2 s (capped) between throttled deliveries, not at once.
        assertThat(deliveries.get(1) - deliveries.get(0)).isGreaterThanOrEqualTo(900);
        assertThat(deliveries.get(2) - deliveries.get(1)).isGreaterThanOrEqualTo(1900);
        assertThat(db.sql().string("select count(*) from mail_alerts where kind = 'THROTTLED' and resolved_at is not null"))
                .as("the throttling alert was raised, then cleared when e-mails went through").isEqualTo("1");
        assertThat(metricLines.toString(StandardCharsets.UTF_8)).contains("\"EmailThrottled\":1");
    }

    @Test
    void shouldFailNoCharge_andShowTheCondition_whenSesSaysTheSenderIsNotVerified() throws Exception {
        smtp.refuseSender(FROM, "554 Message rejected: Email address is not verified. The following identities "
                + "failed the check in region US-EAST-1: " + FROM);

        assertThat(pollOnce()).as("the whole batch received").isEqualTo(3);

        assertThat(status("FAILED")).as("no charge FAILED for our account's problem").isZero();
        assertThat(status("INVOICED")).isEqualTo(15);
        assertThat(db.sql().string("select count(*) from charges where email_claim_token is not null")).as("claims given back").isEqualTo("0");
        assertThat(db.sql().string("select kind || ': ' || message from mail_alerts where resolved_at is null"))
                .startsWith("SENDING_BLOCKED: 554 Message rejected: Email address is not verified")
                .doesNotContain(FROM);
        assertThat(metricLines.toString(StandardCharsets.UTF_8)).contains("\"EmailSendingBlocked\":1");
        assertThat(smtp.receivedMessages()).isEmpty();
        assertThat(receive()).as("handed back, invisible for the long delay").isEmpty();

        // Someone verifies the identity: the messages come back and go out, each e-mail once.
        smtp.refuseSender(FROM, null);
        for (int polls = 0; status("EMAILED") < debtIds.size() && polls < 20; polls++) {
            pollOnce();
        }

        assertThat(emailedDebtIds()).hasSize(15).containsOnlyOnceElementsOf(debtIds);
        assertThat(db.sql().string("select count(*) from mail_alerts where resolved_at is null")).isEqualTo("0");
        assertThat(sqs.approximateMessages(deadLetterUrl)).isZero();
    }

    private EmailHandler handler(String smtpHost, int smtpPort) {
        EmailService service = new EmailService(new PostgresChargeStore(db.dataSource()), boletos,
                new SmtpMailer(new SmtpConfig(smtpHost, smtpPort, false, null, null, "Cobrança <" + FROM + ">")),
                Duration.ofMinutes(5), new PostgresMailAlerts(db.dataSource()),
                new EmailMetrics(new PrintStream(metricLines, true, StandardCharsets.UTF_8), Clock.systemUTC(), "EmailFunction"),
                Duration.ofSeconds(10));
        return new EmailHandler(service, new SqsMessageVisibility(sqs.client(), queueUrl), DELAYS);
    }

    @Test
    void shouldFailOnlyTheNonAsciiMailbox_sayingWhy_whenTheServerOffersNoSmtpUtf8_asAmazonSes() throws Exception {
        db.sql().execute("update charges set email = 'joão@example.com.br' where debt_id = 'debt-07'");
        db.sql().execute("update charges set email = 'maria@ação.com.br' where debt_id = 'debt-08'");
        try (SmtpWithoutUtf8 ses = SmtpWithoutUtf8.start(smtp)) {
            handler = handler(ses.host(), ses.port());
            for (int polls = 0; status("INVOICED") > 0 && polls < 5; polls++) {
                pollOnce();
            }
        }

        assertThat(status("EMAILED")).isEqualTo(14);
        assertThat(db.sql().string("select status || ': ' || last_error from charges where debt_id = 'debt-07'"))
                .isEqualTo("FAILED: e-mail refused for j***@example.com.br: " + SmtpMailer.NEEDS_SMTPUTF8)
                .doesNotContain("joão");
        assertThat(db.sql().string("select status from charges where debt_id = 'debt-08'")).as("Unicode domain sent as Punycode")
                .isEqualTo("EMAILED");
        assertThat(db.sql().string("select count(*) from charges where debt_id = 'debt-07' and amount = 10.50 and barcode is not null"))
                .as("the debt stays charged and invoiced").isEqualTo("1");
        assertThat(sqs.approximateMessages(deadLetterUrl)).isZero();
    }

    /**
     * One receive → invoke → delete-what-succeeded round of the runner's SQS event source (batch size 10, partial
     * batch responses, as template.yaml maps EmailQueue); returns the batch size.
     */
    private int pollOnce() {
        return new SqsEventSource(sqs.client(), queueUrl, queueArn, sqs.region(), "EmailFunction",
                LambdaEvents.asJson(handler, SQSEvent.class, SQSBatchResponse.class), 10, true, 1).pollOnce();
    }

    private List<Message> receive() {
        return sqs.client().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    private List<String> emailedDebtIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : smtp.receivedMessages()) {
            ids.addAll(Arrays.asList(m.getHeader(SmtpMailer.REFERENCE_HEADER)));
        }
        return ids;
    }

    private int status(String status) throws SQLException {
        return Integer.parseInt(db.sql().string("select count(*) from charges where status = '" + status + "'"));
    }


}
