package dev.cobranca.csvimport;

import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.aws.SqsMessagePublisher;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.csvimport.adapter.CopyRowFormat;
import dev.cobranca.csvimport.adapter.PostgresChargeLoader;
import dev.cobranca.csvimport.adapter.PostgresInvoiceOutbox;
import dev.cobranca.csvimport.adapter.PostgresUploadLeases;
import dev.cobranca.testfixtures.EmulatedAws;
import dev.cobranca.testfixtures.FreshDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Real PostgreSQL (a fresh database for each test), the S3 and SQS emulators the test class shares (they take seconds
 * to start), a fresh queue, and the service wired to them as in Lambda. Register it on an instance field:
 * {@code @RegisterExtension final ImportFixture fx = new ImportFixture(AWS);}.
 */
final class ImportFixture implements BeforeEachCallback, AfterEachCallback {

    static final String BUCKET = "cobranca-123456789012-uploads";

    private final EmulatedAws aws;
    private final FreshDatabase db = new FreshDatabase();
    private String queueUrl;

    /** @param aws registered with {@code EmulatedAws.s3(ImportFixture.BUCKET).withSqs()} */
    ImportFixture(EmulatedAws aws) {
        this.aws = aws;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        db.beforeEach(context);
        queueUrl = aws.sqs().createQueue("invoice-" + UUID.randomUUID(), Map.of("VisibilityTimeout", "600"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            aws.sqsClient().deleteQueue(b -> b.queueUrl(queueUrl));
        } finally {
            db.afterEach(context);
        }
    }

    ImportService service(int rowsPerKeyRange, Duration lease, ImportProgress progress) {
        return new ImportService(new S3ObjectStore(aws.s3Client(), BUCKET), new SqsMessagePublisher(aws.sqsClient(), queueUrl),
                new PostgresUploadLeases(db.dataSource()), new PostgresChargeLoader(db.dataSource()),
                new CopyRowFormat(), new PostgresInvoiceOutbox(db.dataSource()),
                new ImportService.Settings(rowsPerKeyRange, 100, lease, 2, Duration.ofMillis(100), new DebtValidator()), progress);
    }

    /** With another validator (or row limit): a lax one lets through rows only the database refuses. */
    ImportService service(int rowsPerKeyRange, DebtValidator validator, int maxRowBytes) {
        return service(rowsPerKeyRange, validator, maxRowBytes, ImportProgress.NONE);
    }

    ImportService service(int rowsPerKeyRange, DebtValidator validator, int maxRowBytes, ImportProgress progress) {
        return new ImportService(new S3ObjectStore(aws.s3Client(), BUCKET), new SqsMessagePublisher(aws.sqsClient(), queueUrl),
                new PostgresUploadLeases(db.dataSource()), new PostgresChargeLoader(db.dataSource()),
                new CopyRowFormat(), new PostgresInvoiceOutbox(db.dataSource()),
                new ImportService.Settings(rowsPerKeyRange, 100, Duration.ofMinutes(2), 2, Duration.ofMillis(100), validator,
                        maxRowBytes), progress);
    }

    ImportService service(int rowsPerKeyRange) {
        return service(rowsPerKeyRange, Duration.ofMinutes(2), ImportProgress.NONE);
    }

    StoredObject put(String key, byte[] content) {
        PutObjectResponse response = aws.s3Client().putObject(b -> b.bucket(BUCKET).key(key).contentType("text/csv"),
                RequestBody.fromBytes(content));
        return new StoredObject(BUCKET, key, response.eTag().replace("\"", ""), content.length);
    }

    /** The smallest part S3 takes, but for the last. */
    static final int MIN_PART_BYTES = 5 << 20;

    /**
     * The object stored as a client sends a large file: one multipart upload of {@link #MIN_PART_BYTES} parts. Its
     * ETag is a multipart one, {@code <hex>-<parts>}, not the MD5 of the content.
     */
    StoredObject putInParts(String key, byte[] content) {
        String uploadId = aws.s3Client().createMultipartUpload(b -> b.bucket(BUCKET).key(key).contentType("text/csv")).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        int partBytes = MIN_PART_BYTES;
        for (int n = 1, from = 0; from < content.length; n++, from += partBytes) {
            int number = n;
            byte[] part = Arrays.copyOfRange(content, from, Math.min(content.length, from + partBytes));
            UploadPartResponse response = aws.s3Client().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .partNumber(number), RequestBody.fromBytes(part));
            completed.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32()).build());
        }
        String eTag = aws.s3Client().completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed))).eTag();
        return new StoredObject(BUCKET, key, eTag.replace("\"", ""), content.length);
    }

    /** Every InvoiceRequested on the queue, received and deleted. */
    List<InvoiceRequested> drainQueue() {
        List<InvoiceRequested> messages = new ArrayList<>();
        int empty = 0;
        while (empty < 2) {
            List<Message> batch = aws.sqsClient().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            for (Message m : batch) {
                messages.add(MessageCodec.decode(m.body(), InvoiceRequested.class));
            }
            aws.sqsClient().deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(batch.stream()
                    .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                            .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        }
        return messages;
    }

    String object(String key) {
        return aws.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    Map<String, Object> upload(UUID id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from uploads where id = '" + id + "'")) {
            rs.next();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
            }
            return row;
        }
    }

    List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
