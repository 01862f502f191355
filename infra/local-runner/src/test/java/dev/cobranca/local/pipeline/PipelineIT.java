package dev.cobranca.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.boleto.DigitableLine;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.email.EmailHandler;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.invoice.InvoiceHandler;
import dev.cobranca.testfixtures.EmulatedAws;
import dev.cobranca.testfixtures.FreshDatabase;
import dev.cobranca.testfixtures.Mails;
import dev.cobranca.testfixtures.SampleBeneficiary;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invoice and e-mail functions end to end, on a real PostgreSQL, S3Proxy, ElasticMQ and GreenMail: charges as the
 * import leaves them, InvoiceRequested messages on the invoice queue, and the functions run the way the local runner
 * runs them (see {@link RunnerMappings}), from an environment like template.yaml's; the SDK reaches the emulators
 * through the standard endpoint system properties. It lives in the local runner's tests because it needs both
 * functions, and functions never depend on each other, not even in tests.
 */
class PipelineIT {

    private static final String BUCKET = "cobranca-pipeline-it";

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(BUCKET).withSqs().withSmtp();

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private EmulatedAws.Queue invoiceQueue;
    private EmulatedAws.Queue emailQueue;

    @BeforeEach
    void emptyMailbox() {
        AWS.smtp().purge();
    }

    /**
     * Fresh queues, each with its dead-letter queue after 3 receives. {@code visibilitySeconds} short enough for
     * failed messages to come back (and reach their DLQ) within the test, long enough for a batch to finish.
     */
    private void createQueues(int visibilitySeconds) {
        invoiceQueue = AWS.queueWithDeadLetter("invoice", visibilitySeconds, 3);
        emailQueue = AWS.queueWithDeadLetter("email", visibilitySeconds, 3);
    }

    private Map<String, String> commonEnv() {
        Map<String, String> env = AWS.env();
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("DATABASE_POOL_SIZE", "2");
        return env;
    }

    private Map<String, String> invoiceEnv() {
        Map<String, String> env = commonEnv();
        env.put("EMAIL_QUEUE_URL", emailQueue.url());
        env.putAll(SampleBeneficiary.env());
        return env;
    }

    private Map<String, String> emailEnv() {
        Map<String, String> env = commonEnv();
        env.put("SMTP_HOST", AWS.smtp().host());
        env.put("SMTP_PORT", Integer.toString(AWS.smtp().port()));
        env.put("SMTP_STARTTLS", "false");
        env.put("MAIL_FROM", "Cobrança <cobranca@example.com>");
        return env;
    }

    /** InvoiceFunction on its queue: template.yaml's Timeout 120 and BatchSize 2. */
    private RunnerMappings.Mapping invoicing() {
        return new RunnerMappings.Mapping("InvoiceFunction", InvoiceHandler.class, invoiceEnv(), 120, invoiceQueue.url(),
                invoiceQueue.arn(), 2);
    }

    /** EmailFunction on its queue: template.yaml's Timeout 120 and BatchSize 10. */
    private RunnerMappings.Mapping emailing() {
        return new RunnerMappings.Mapping("EmailFunction", EmailHandler.class, emailEnv(), 120, emailQueue.url(),
                emailQueue.arn(), 10);
    }

    /** Both functions, {@code concurrency} environments each, until both queues are empty; returns the re-deliveries. */
    private int runPipeline(int concurrency, Duration timeout, boolean deliverTwice) throws InterruptedException {
        try (RunnerMappings mappings = new RunnerMappings(AWS.sqsClient(), AWS.s3().region())) {
            mappings.start(invoicing(), concurrency, deliverTwice).start(emailing(), concurrency, deliverTwice)
                    .awaitDrained(timeout);
            return mappings.redelivered();
        }
    }

    /** An IMPORTED upload and its CREATED charges, as the import leaves them; returns the debtIds in order. */
    private List<String> registerCharges(UUID uploadId, int count) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into uploads (id, bucket, object_key, status, rows_total, rows_accepted, imported_at)
                    values (?, ?, ?, 'IMPORTED', ?, ?, now())""")) {
                ps.setObject(1, uploadId);
                ps.setString(2, BUCKET);
                ps.setString(3, "uploads/" + uploadId + ".csv");
                ps.setInt(4, count);
                ps.setInt(5, count);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date)
                    select 'debt-' || lpad(i::text, 5, '0'), ?, 'José da Conceição ' || i, lpad(i::text, 11, '0'),
                           'devedor' || i || '@example.com', round((10 + i * 13.37)::numeric, 2), date '2026-12-01' + (i % 90)
                      from generate_series(1, ?) i""")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, count);
                ps.executeUpdate();
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add("debt-%05d".formatted(i));
        }
        return ids;
    }

    private void requestInvoices(UUID uploadId, List<String> debtIds, int perMessage) {
        for (int from = 0; from < debtIds.size(); from += perMessage) {
            List<String> chunk = debtIds.subList(from, Math.min(from + perMessage, debtIds.size()));
            String body = MessageCodec.encode(new InvoiceRequested(uploadId, chunk));
            AWS.sqsClient().sendMessage(b -> b.queueUrl(invoiceQueue.url()).messageBody(body));
        }
    }

    private Map<String, Integer> statusCounts(UUID uploadId) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select status, count(*) from charges where upload_id = ? group by status")) {
            ps.setObject(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    private String uploadStatus(UUID uploadId) throws SQLException {
        return db.sql().string("select status from uploads where id = '" + uploadId + "'");
    }



    private byte[] storedInvoice(String debtId) {
        return AWS.object("invoices/" + debtId + ".pdf");
    }

    /** Every e-mail went to its charge's address, carrying exactly the boleto stored for that charge. */
    private void assertEachEmailCarriesItsOwnBoleto(MimeMessage[] received, int expected) throws Exception {
        assertThat(received).hasSize(expected);
        Set<String> debtIds = new HashSet<>();
        for (MimeMessage message : received) {
            String debtId = message.getHeader(SmtpMailer.REFERENCE_HEADER, null);
            assertThat(debtIds.add(debtId)).as("one e-mail per charge: %s", debtId).isTrue();
            int n = Integer.parseInt(debtId.substring("debt-".length()));
            InternetAddress to = (InternetAddress) message.getRecipients(Message.RecipientType.TO)[0];
            assertThat(to.getAddress()).isEqualTo("devedor" + n + "@example.com");
            assertThat(message.getMessageID()).isEqualTo("<boleto." + debtId + "@example.com>");
            assertThat(Mails.attachment(message)).as("attachment of %s", debtId).isEqualTo(storedInvoice(debtId));
        }
    }

    @Test
    void shouldInvoiceAndEmailAThousandCharges_eachWithItsOwnBoleto() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(60);
        List<String> debtIds = registerCharges(uploadId, 1000);
        requestInvoices(uploadId, debtIds, 100);
        assertThat(uploadStatus(uploadId)).isEqualTo("IMPORTED");

        runPipeline(2, Duration.ofMinutes(4), false);

        assertThat(AWS.s3Client().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("invoices/debt-")).contents().stream()
                .filter(o -> debtIds.contains(o.key().substring(9, o.key().length() - 4))).count()).isEqualTo(1000);
        assertEachEmailCarriesItsOwnBoleto(AWS.smtp().receivedMessages(), 1000);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 1000));
        assertThat(db.sql().string("select count(*) from charges where emailed_at is null or invoiced_at is null"
                + " or barcode is null or invoice_key is null or email_claim_until is not null")).isEqualTo("0");
        assertThat(uploadStatus(uploadId)).isEqualTo("COMPLETED");

        // A boleto read back: its text carries the linha digitável recorded for the charge.
        String line = db.sql().string("select digitable_line from charges where debt_id = 'debt-00042'");
        try (PDDocument pdf = Loader.loadPDF(storedInvoice("debt-00042"))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(DigitableLine.format(line));
        }
        MimeMessage sample = AWS.smtp().receivedMessages()[0];
        assertThat(sample.getSubject()).startsWith("Boleto de cobrança: R$ ");
        assertThat(sample.getContentType()).startsWith("multipart/mixed");
    }

    @Test
    void shouldSendExactlyOneEmailPerCharge_whenEveryMessageIsDeliveredTwice() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(60);
        List<String> debtIds = registerCharges(uploadId, 1000);
        requestInvoices(uploadId, debtIds, 100);

        int redelivered = runPipeline(2, Duration.ofMinutes(4), true);

        assertThat(redelivered).as("each InvoiceRequested and each first EmailRequested came twice")
                .isGreaterThanOrEqualTo(20);

        assertEachEmailCarriesItsOwnBoleto(AWS.smtp().receivedMessages(), 1000);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 1000));
        assertThat(uploadStatus(uploadId)).isEqualTo("COMPLETED");
    }

    @Test
    void shouldDeadLetterAPoisonMessage_andFailARejectedRecipient_whileTheRestCompletes() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(2);
        List<String> debtIds = registerCharges(uploadId, 40);
        // an address the server refuses for good (only this test uses it: the emulator's refusals last)
        db.sql().execute("update charges set email = 'inexistente@example.com' where debt_id = 'debt-00007'");
        String poison = "{\"uploadId\":\"" + uploadId + "\",\"debtIds\":[\"debt-000";
        AWS.sqsClient().sendMessage(b -> b.queueUrl(invoiceQueue.url()).messageBody(poison));
        requestInvoices(uploadId, debtIds, 10);
        AWS.smtp().rejectRecipient("inexistente@example.com");

        runPipeline(2, Duration.ofMinutes(2), false);

        var dead = AWS.sqsClient().receiveMessage(b -> b.queueUrl(invoiceQueue.deadLetterUrl()).maxNumberOfMessages(10)).messages();
        assertThat(dead).extracting(software.amazon.awssdk.services.sqs.model.Message::body).containsExactly(poison);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 39, "FAILED", 1));
        String lastError = db.sql().string("select last_error from charges where debt_id = 'debt-00007'");
        assertThat(db.sql().string("select status from charges where debt_id = 'debt-00007'")).isEqualTo("FAILED");
        assertThat(lastError).contains("550").contains("i***@example.com").doesNotContain("inexistente@");
        assertThat(AWS.smtp().receivedMessages()).hasSize(39);
        assertThat(AWS.sqs().approximateMessages(emailQueue.deadLetterUrl())).isZero();
        assertThat(uploadStatus(uploadId)).isEqualTo("COMPLETED");
    }

    @Test
    void shouldRetryTheMessage_whenTheMailServerFailsTransiently() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(2);
        List<String> debtIds = registerCharges(uploadId, 20);
        requestInvoices(uploadId, debtIds, 10);
        // The invoices first, so that the e-mail messages wait on their queue; then the next delivery of each of them
        // gets a 451, counted in deliveries, not timed: every message fails once and succeeds when it comes back.
        try (RunnerMappings invoices = new RunnerMappings(AWS.sqsClient(), AWS.s3().region())) {
            invoices.start(invoicing(), 1, false).awaitDrained(Duration.ofMinutes(1));
        }
        int waiting = AWS.sqs().approximateMessages(emailQueue.url());
        assertThat(waiting).as("EmailRequested messages waiting").isPositive();
        AWS.smtp().failNextTransiently(waiting);

        try (RunnerMappings emails = new RunnerMappings(AWS.sqsClient(), AWS.s3().region())) {
            emails.start(emailing(), 1, false).awaitDrained(Duration.ofMinutes(2));
        }

        assertEachEmailCarriesItsOwnBoleto(AWS.smtp().receivedMessages(), 20);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 20));
        assertThat(Integer.parseInt(db.sql().string("select min(attempts) from charges")))
                .as("each charge was claimed again after the 451").isGreaterThanOrEqualTo(2);
        assertThat(AWS.sqs().approximateMessages(emailQueue.deadLetterUrl())).isZero();
    }
}
