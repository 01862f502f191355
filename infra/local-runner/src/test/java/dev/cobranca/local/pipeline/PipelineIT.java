package dev.cobranca.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.boleto.DigitableLine;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.email.EmailHandler;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SmtpEmulator;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.invoice.InvoiceHandler;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Invoice and e-mail functions end to end, on a real PostgreSQL, S3Proxy, ElasticMQ and GreenMail: charges as the
 * import leaves them, InvoiceRequested messages on the invoice queue, and the functions driven the way Lambda drives
 * them (see {@link LambdaSqsPoller}). The handlers are built as the local runner builds them, from an environment
 * like template.yaml's; the SDK reaches the emulators through the standard endpoint system properties. It lives in the
 * local runner's tests because it needs both functions, and functions never depend on each other, not even in tests.
 */
class PipelineIT {

    private static final String BUCKET = "cobranca-pipeline-it";
    private static final Map<String, String> SDK_PROPERTIES = new HashMap<>();

    @TempDir
    static Path s3Dir;
    static S3Emulator s3;
    static SqsEmulator sqsEmulator;
    static SmtpEmulator smtp;
    static S3Client s3Client;
    static SqsClient sqs;

    private TestDatabase db;
    private String invoiceQueue;
    private String invoiceDlq;
    private String emailQueue;
    private String emailDlq;

    @BeforeAll
    static void startEmulators() {
        s3 = S3Emulator.start(s3Dir);
        s3.createBucket(BUCKET);
        sqsEmulator = SqsEmulator.start();
        smtp = SmtpEmulator.start();
        s3Client = s3.client();
        sqs = sqsEmulator.client();
        SDK_PROPERTIES.put("aws.region", s3.region());
        SDK_PROPERTIES.put("aws.accessKeyId", s3.accessKey());
        SDK_PROPERTIES.put("aws.secretAccessKey", s3.secretKey());
        SDK_PROPERTIES.put("aws.endpointUrlS3", s3.endpoint().toString());
        SDK_PROPERTIES.put("aws.endpointUrlSqs", sqsEmulator.endpoint().toString());
        SDK_PROPERTIES.forEach(System::setProperty);
    }

    @AfterAll
    static void stopEmulators() {
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
        for (AutoCloseable emulator : new AutoCloseable[] {smtp, sqsEmulator, s3}) {
            if (emulator != null) {
                try {
                    emulator.close();
                } catch (Exception e) {
                    // keep stopping the others: a running emulator keeps the JVM alive
                }
            }
        }
    }

    @BeforeEach
    void freshDatabase() {
        db = TestDatabase.create();
        smtp.purge();
    }

    /**
     * Fresh queues, each with its dead-letter queue after 3 receives. {@code visibilitySeconds} short enough for
     * failed messages to come back (and reach their DLQ) within the test, long enough for a batch to finish.
     */
    private void createQueues(int visibilitySeconds) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        invoiceDlq = sqsEmulator.createQueue("invoice-dlq-" + suffix);
        emailDlq = sqsEmulator.createQueue("email-dlq-" + suffix);
        invoiceQueue = sqsEmulator.createQueue("invoice-" + suffix, Map.of("VisibilityTimeout", Integer.toString(visibilitySeconds),
                "RedrivePolicy", sqsEmulator.redrivePolicy(invoiceDlq, 3)));
        emailQueue = sqsEmulator.createQueue("email-" + suffix, Map.of("VisibilityTimeout", Integer.toString(visibilitySeconds),
                "RedrivePolicy", sqsEmulator.redrivePolicy(emailDlq, 3)));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private Map<String, String> commonEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("DATABASE_POOL_SIZE", "2");
        env.put("BUCKET_NAME", BUCKET);
        env.put("S3_FORCE_PATH_STYLE", "true");
        return env;
    }

    private Map<String, String> invoiceEnv() {
        Map<String, String> env = commonEnv();
        env.put("EMAIL_QUEUE_URL", emailQueue);
        env.put("BOLETO_BANK_CODE", "001");
        env.put("BOLETO_AGENCY", "1234");
        env.put("BOLETO_ACCOUNT", "56789");
        env.put("BOLETO_CONVENIO", "1234567");
        env.put("BOLETO_WALLET", "17");
        env.put("BENEFICIARY_NAME", "Cobrança Exemplo Ltda");
        env.put("BENEFICIARY_CNPJ", "11222333000181");
        return env;
    }

    private Map<String, String> emailEnv() {
        Map<String, String> env = commonEnv();
        env.put("SMTP_HOST", smtp.host());
        env.put("SMTP_PORT", Integer.toString(smtp.port()));
        env.put("SMTP_STARTTLS", "false");
        env.put("MAIL_FROM", "Cobrança <cobranca@example.com>");
        return env;
    }

    private LambdaSqsPoller poller(boolean deliverTwice) {
        Map<String, String> invoiceEnv = invoiceEnv();
        Map<String, String> emailEnv = emailEnv();
        return new LambdaSqsPoller(sqs, List.of(
                new LambdaSqsPoller.Source(invoiceQueue, sqsEmulator.queueArn(invoiceQueue), () -> new InvoiceHandler(invoiceEnv)),
                new LambdaSqsPoller.Source(emailQueue, sqsEmulator.queueArn(emailQueue), () -> new EmailHandler(emailEnv))),
                deliverTwice);
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
            sqs.sendMessage(b -> b.queueUrl(invoiceQueue).messageBody(body));
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
        return queryString("select status from uploads where id = '" + uploadId + "'");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static byte[] attachment(MimeMessage message) throws Exception {
        Multipart mixed = (Multipart) message.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            Part part = mixed.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                part.getDataHandler().writeTo(out);
                return out.toByteArray();
            }
        }
        throw new AssertionError("no attachment in " + message.getMessageID());
    }

    private byte[] storedInvoice(String debtId) {
        return s3Client.getObjectAsBytes(b -> b.bucket(BUCKET).key("invoices/" + debtId + ".pdf")).asByteArray();
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
            assertThat(attachment(message)).as("attachment of %s", debtId).isEqualTo(storedInvoice(debtId));
        }
    }

    @Test
    void shouldInvoiceAndEmailAThousandCharges_eachWithItsOwnBoleto() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(60);
        List<String> debtIds = registerCharges(uploadId, 1000);
        requestInvoices(uploadId, debtIds, 100);
        assertThat(uploadStatus(uploadId)).isEqualTo("IMPORTED");

        poller(false).drain(2, Duration.ofMinutes(4));

        assertThat(s3Client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("invoices/debt-")).contents().stream()
                .filter(o -> debtIds.contains(o.key().substring(9, o.key().length() - 4))).count()).isEqualTo(1000);
        assertEachEmailCarriesItsOwnBoleto(smtp.receivedMessages(), 1000);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 1000));
        assertThat(queryString("select count(*) from charges where emailed_at is null or invoiced_at is null"
                + " or barcode is null or invoice_key is null or email_claim_until is not null")).isEqualTo("0");
        assertThat(uploadStatus(uploadId)).isEqualTo("COMPLETED");

        // A boleto read back: its text carries the linha digitável recorded for the charge.
        String line = queryString("select digitable_line from charges where debt_id = 'debt-00042'");
        try (PDDocument pdf = Loader.loadPDF(storedInvoice("debt-00042"))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(DigitableLine.format(line));
        }
        MimeMessage sample = smtp.receivedMessages()[0];
        assertThat(sample.getSubject()).startsWith("Boleto de cobrança: R$ ");
        assertThat(sample.getContentType()).startsWith("multipart/mixed");
    }

    @Test
    void shouldSendExactlyOneEmailPerCharge_whenEveryMessageIsDeliveredTwice() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(60);
        List<String> debtIds = registerCharges(uploadId, 1000);
        requestInvoices(uploadId, debtIds, 100);

        poller(true).drain(2, Duration.ofMinutes(4));

        assertEachEmailCarriesItsOwnBoleto(smtp.receivedMessages(), 1000);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 1000));
        assertThat(uploadStatus(uploadId)).isEqualTo("COMPLETED");
    }

    @Test
    void shouldDeadLetterAPoisonMessage_andFailARejectedRecipient_whileTheRestCompletes() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(2);
        List<String> debtIds = registerCharges(uploadId, 40);
        // an address the server refuses for good (only this test uses it: the emulator's refusals last)
        execute("update charges set email = 'inexistente@example.com' where debt_id = 'debt-00007'");
        String poison = "{\"uploadId\":\"" + uploadId + "\",\"debtIds\":[\"debt-000";
        sqs.sendMessage(b -> b.queueUrl(invoiceQueue).messageBody(poison));
        requestInvoices(uploadId, debtIds, 10);
        smtp.rejectRecipient("inexistente@example.com");

        poller(false).drain(2, Duration.ofMinutes(2));

        var dead = sqs.receiveMessage(b -> b.queueUrl(invoiceDlq).maxNumberOfMessages(10)).messages();
        assertThat(dead).extracting(software.amazon.awssdk.services.sqs.model.Message::body).containsExactly(poison);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 39, "FAILED", 1));
        String lastError = queryString("select last_error from charges where debt_id = 'debt-00007'");
        assertThat(queryString("select status from charges where debt_id = 'debt-00007'")).isEqualTo("FAILED");
        assertThat(lastError).contains("550").contains("i***@example.com").doesNotContain("inexistente@");
        assertThat(smtp.receivedMessages()).hasSize(39);
        assertThat(sqsEmulator.approximateMessages(emailDlq)).isZero();
        assertThat(uploadStatus(uploadId)).isEqualTo("COMPLETED");
    }

    @Test
    void shouldRetryTheMessage_whenTheMailServerFailsTransiently() throws Exception {
        UUID uploadId = UUID.randomUUID();
        createQueues(2);
        List<String> debtIds = registerCharges(uploadId, 20);
        requestInvoices(uploadId, debtIds, 10);
        smtp.failTransiently(true);
        Thread recover = Thread.ofVirtual().start(() -> {
            try {
                // let the first deliveries fail, then recover before maxReceiveCount is reached
                while (sqsEmulator.approximateMessages(emailQueue) == 0 && queryInFlightEmails() == 0) {
                    Thread.sleep(50);
                }
                Thread.sleep(1500);
            } catch (InterruptedException | SQLException e) {
                Thread.currentThread().interrupt();
            } finally {
                smtp.failTransiently(false);
            }
        });

        poller(false).drain(1, Duration.ofMinutes(2));
        recover.join();

        assertEachEmailCarriesItsOwnBoleto(smtp.receivedMessages(), 20);
        assertThat(statusCounts(uploadId)).isEqualTo(Map.of("EMAILED", 20));
        assertThat(Integer.parseInt(queryString("select min(attempts) from charges")))
                .as("each charge was claimed again after the 451").isGreaterThanOrEqualTo(2);
        assertThat(sqsEmulator.approximateMessages(emailDlq)).isZero();
    }

    private int queryInFlightEmails() throws SQLException {
        return Integer.parseInt(queryString("select count(*) from charges where status = 'INVOICED'"));
    }
}
