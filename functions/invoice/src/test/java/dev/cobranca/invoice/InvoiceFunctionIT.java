package dev.cobranca.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.cobranca.core.boleto.Barcode;
import dev.cobranca.core.boleto.DigitableLine;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.testfixtures.EmulatedAws;
import dev.cobranca.testfixtures.FreshDatabase;
import dev.cobranca.testfixtures.LambdaEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The invoice function built from its environment (as the local runner builds it) on a real PostgreSQL, S3Proxy and
 * ElasticMQ, fed the sample events of events/invoice through Lambda's serialization.
 */
class InvoiceFunctionIT {

    private static final String BUCKET = "cobranca-invoice-it";
    private static final UUID UPLOAD = LambdaEvents.SAMPLE_UPLOAD_ID;
    private static final List<String> EVENT_DEBT_IDS = LambdaEvents.SAMPLE_DEBT_IDS;

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(BUCKET).withSqs();

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();
    private String emailQueue;

    @BeforeEach
    void freshDatabaseAndQueue() throws SQLException {
        emailQueue = AWS.sqs().createQueue("email-" + UUID.randomUUID().toString().substring(0, 8));
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + UPLOAD + "', '" + BUCKET
                + "', 'uploads/x.csv', 'IMPORTED')");
        for (String id : EVENT_DEBT_IDS) {
            register(UPLOAD, id, "1000000.00", "2026-10-12");
        }
    }

    private InvoiceHandler handler(String bucket) {
        Map<String, String> env = Fixtures.env();
        env.putAll(AWS.env());
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("BUCKET_NAME", bucket);
        env.put("EMAIL_QUEUE_URL", emailQueue);
        return new InvoiceHandler(env);
    }

    private void register(UUID uploadId, String debtId, String amount, String dueDate) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date)
                values (?, ?, 'John Doe', '11111111111', 'johndoe@kanastra.com.br', ?::numeric, ?::date)""")) {
            ps.setString(1, debtId);
            ps.setObject(2, uploadId);
            ps.setString(3, amount);
            ps.setString(4, dueDate);
            ps.executeUpdate();
        }
    }

    private List<EmailRequested> emailRequests() {
        List<EmailRequested> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = AWS.sqsClient().receiveMessage(b -> b.queueUrl(emailQueue).maxNumberOfMessages(10)).messages();
            batch.forEach(m -> all.add(MessageCodec.decode(m.body(), EmailRequested.class)));
        } while (!batch.isEmpty());
        return all;
    }

    @Test
    void shouldStoreEachBoleto_recordItsDigits_andEnqueueTheEmails() throws Exception {
        SQSBatchResponse response = handler(BUCKET).handleRequest(InvoiceHandlerTest.event("sqs-invoice-requested.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        for (String id : EVENT_DEBT_IDS) {
            var head = AWS.s3Client().headObject(b -> b.bucket(BUCKET).key("invoices/" + id + ".pdf"));
            assertThat(head.contentType()).isEqualTo("application/pdf");
            assertThat(db.sql().string("select status || ' ' || invoice_key from charges where debt_id = '" + id + "'"))
                    .isEqualTo("INVOICED invoices/" + id + ".pdf");
        }
        String id = EVENT_DEBT_IDS.getFirst();
        String line = db.sql().string("select digitable_line from charges where debt_id = '" + id + "'");
        String barcode = db.sql().string("select barcode from charges where debt_id = '" + id + "'");
        String seq = db.sql().string("select seq from charges where debt_id = '" + id + "'");
        assertThat(Barcode.fromDigitableLine(line).digits()).isEqualTo(barcode);
        assertThat(Barcode.fromDigitableLine(line).freeField()).isEqualTo("0000001234567" + "%010d".formatted(Long.parseLong(seq)) + "17");
        byte[] pdf = AWS.object("invoices/" + id + ".pdf");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(DigitableLine.format(line));
        }
        assertThat(emailRequests()).containsExactlyInAnyOrder(
                new EmailRequested(UPLOAD, EVENT_DEBT_IDS.subList(0, 3)),
                new EmailRequested(UPLOAD, EVENT_DEBT_IDS.subList(3, 5)));
    }

    @Test
    void shouldReportThePoisonMessageAlone() throws Exception {
        SQSBatchResponse response = handler(BUCKET).handleRequest(InvoiceHandlerTest.event("sqs-invoice-requested-poison.json"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("f0e1d2c3-b4a5-4968-8776-655443322110");
        assertThat(db.sql().string("select count(*) from charges where status = 'INVOICED'")).isEqualTo("3");
    }

    @Test
    void shouldFailTheMessageForARetry_whenTheBucketCannotBeWritten() throws Exception {
        SQSBatchResponse response = handler("no-such-bucket").handleRequest(InvoiceHandlerTest.event("sqs-invoice-requested.json"), null);

        assertThat(response.getBatchItemFailures()).hasSize(2);
        assertThat(db.sql().string("select count(*) from charges where status = 'CREATED'")).isEqualTo("5");
        assertThat(emailRequests()).isEmpty();
    }

    @Test
    void shouldFailAChargeThatCannotMakeABoleto_andCompleteItsUpload() throws Exception {
        UUID upload = UUID.randomUUID();
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + upload + "', '" + BUCKET
                + "', 'uploads/y.csv', 'IMPORTED')");
        // above what a boleto's 10-digit amount field holds (an overdue date no longer stops a boleto: it moves)
        register(upload, "old-debt", "100000000.00", "1999-03-01");
        String body = MessageCodec.encode(new InvoiceRequested(upload, List.of("old-debt")));
        var event = InvoiceHandlerTest.event("sqs-invoice-requested.json");
        event.setRecords(List.of(event.getRecords().getFirst()));
        event.getRecords().getFirst().setBody(body);

        SQSBatchResponse response = handler(BUCKET).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(db.sql().string("select status from charges where debt_id = 'old-debt'")).isEqualTo("FAILED");
        assertThat(db.sql().string("select last_error from charges where debt_id = 'old-debt'")).contains("99,999,999.99");
        assertThat(db.sql().string("select status from uploads where id = '" + upload + "'")).isEqualTo("COMPLETED");
        assertThat(emailRequests()).isEmpty();
    }
}
