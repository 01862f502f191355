package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.sample.SampleRow;
import dev.cobranca.testfixtures.Mails;
import dev.cobranca.testfixtures.Queues;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The application end to end through the local runner, as a client and a person use it: the HTTP API, presigned PUTs
 * over HTTP, S3 notifications, the SQS event-source mappings, the SMTP server. Each test has its own stack and its own
 * fresh database.
 */
class EndToEndIT extends StackPerTest {

    /** The e-mail function's reference header: which charge an e-mail is for. */
    private static final String DEBT_ID_HEADER = "X-Cobranca-Debt-Id";

    @Test
    void clientUpload_shouldEmailEveryAcceptedCharge_eachWithItsOwnBoleto() throws Exception {
        stack = RunningStack.start(dataDir, true, null);
        Sample sample = Sample.write(files.resolve("debts-10k.csv"), 10_000, 11, 0.5, false);
        long t0 = System.nanoTime();

        String uploadId = stack.upload(sample.file());
        JsonNode done = stack.awaitFinished(uploadId, Duration.ofMinutes(8));
        System.out.println(stack.timings(uploadId));

        System.out.printf(Locale.ROOT, "10,000 rows uploaded, imported, invoiced and e-mailed in %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETED");
        JsonNode rows = done.path("rows");
        int accepted = sample.valid().size();
        assertThat(rows.path("total").asLong()).isEqualTo(10_000);
        assertThat(rows.path("accepted").asLong()).isEqualTo(accepted);
        assertThat(rows.path("rejected").asLong()).isEqualTo(10_000 - accepted);
        assertThat(rows.path("duplicate").asLong()).isZero();
        assertThat(done.path("charges").path("emailed").asLong()).isEqualTo(accepted);
        assertThat(stack.chargeStatuses(uploadId)).isEqualTo(Map.of("EMAILED", (long) accepted));

        Map<String, String> emails = chargeEmails(uploadId);
        MimeMessage[] received = stack.stack.emulators().smtp().receivedMessages();
        assertThat(received).as("one e-mail per charge").hasSize(accepted);
        Set<String> mailed = new HashSet<>();
        for (MimeMessage message : received) {
            String debtId = message.getHeader(DEBT_ID_HEADER, null);
            assertThat(mailed.add(debtId)).as("a second e-mail for %s", debtId).isTrue();
            assertThat(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                    .isEqualTo(emails.get(debtId));
            assertThat(Mails.attachment(message)).as("the boleto attached for %s", debtId)
                    .isEqualTo(Files.readAllBytes(stack.object("invoices/" + debtId + ".pdf")));
        }
        assertThat(mailed).containsExactlyInAnyOrderElementsOf(sample.valid());
        assertThat(stack.keys("invoices/")).hasSize(accepted);
    }

    @Test
    void objectCopiedStraightIntoTheBucket_shouldBeImportedAsAnUploadOfItsOwn() throws Exception {
        stack = RunningStack.start(dataDir, true, null);
        Sample sample = Sample.write(files.resolve("copied.csv"), 500, 12, 0, false);

        try (S3Client s3 = stack.stack.emulators().s3().newClient()) {
            s3.putObject(b -> b.bucket(stack.bucket()).key("uploads/whatever.csv").contentType("text/csv"),
                    RequestBody.fromFile(sample.file()));
        }

        String uploadId = awaitUploadRow("uploads/whatever.csv", Duration.ofSeconds(30));
        JsonNode done = stack.awaitFinished(uploadId, Duration.ofMinutes(3));
        System.out.println(stack.timings(uploadId));
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETED");
        assertThat(done.path("rows").path("accepted").asLong()).isEqualTo(500);
        assertThat(stack.chargeStatuses(uploadId)).isEqualTo(Map.of("EMAILED", 500L));
        assertThat(stack.stack.emulators().smtp().receivedMessages()).hasSize(500);
        assertThat(stack.scalar("select count(*) from uploads")).as("no other upload row").isEqualTo(1);
    }

    @Test
    void dirtyFile_shouldListEachRejectedRowWithItsLine_inADownloadableReport() throws Exception {
        stack = RunningStack.start(dataDir, true, null);
        Sample sample = Sample.write(files.resolve("dirty.csv"), 2_000, 13, 5, true);

        String uploadId = stack.upload(sample.file());
        JsonNode done = stack.awaitFinished(uploadId, Duration.ofMinutes(3));
        System.out.println(stack.timings(uploadId));

        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETED");
        JsonNode rows = done.path("rows");
        long total = rows.path("total").asLong();
        assertThat(total).isEqualTo(2_001); // 2,000 generated + the repeated first row
        assertThat(rows.path("rejected").asLong()).isEqualTo(sample.rejectedLines().size());
        assertThat(rows.path("duplicate").asLong()).isEqualTo(1);
        assertThat(rows.path("accepted").asLong()).isEqualTo(sample.valid().size());
        assertThat(rows.path("accepted").asLong() + rows.path("rejected").asLong() + rows.path("duplicate").asLong())
                .isEqualTo(total);
        assertThat(done.path("charges").path("emailed").asLong()).isEqualTo(sample.valid().size());

        String reportUrl = done.path("rejectedReportUrl").asText(null);
        assertThat(reportUrl).as("rejectedReportUrl in %s", done).isNotBlank();
        HttpResponse<String> report = stack.get(URI.create(reportUrl));
        assertThat(report.statusCode()).as("GET of the report URL: %s", report.body()).isEqualTo(200);
        Map<Long, String> listed = new LinkedHashMap<>();
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setMaxCharsPerColumn(-1);
        for (String[] r : new CsvParser(settings).parseAll(new StringReader(report.body()))) {
            assertThat(r[1]).as("reason on line %s", r[0]).isNotBlank();
            listed.put(Long.parseLong(r[0]), r[2].startsWith("'") ? r[2].substring(1) : r[2]);
        }
        assertThat(listed).isEqualTo(sample.rejectedLines());
    }

    @Test
    void sameFileUploadedAgain_shouldBeAllDuplicates_withNoNewBoletoOrEmail() throws Exception {
        stack = RunningStack.start(dataDir, true, null);
        Sample sample = Sample.write(files.resolve("twice.csv"), 2_000, 14, 0, false);
        String first = stack.upload(sample.file());
        assertThat(stack.awaitFinished(first, Duration.ofMinutes(3)).path("status").asText()).isEqualTo("COMPLETED");
        int boletos = stack.keys("invoices/").size();
        int emails = stack.stack.emulators().smtp().receivedMessages().length;
        assertThat(boletos).isEqualTo(2_000);
        assertThat(emails).isEqualTo(2_000);

        String second = stack.upload(sample.file());
        JsonNode done = stack.awaitFinished(second, Duration.ofMinutes(3));
        System.out.println(stack.timings(first) + "; again: " + stack.timings(second));

        assertThat(second).isNotEqualTo(first);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETED");
        assertThat(done.path("rows").path("total").asLong()).isEqualTo(2_000);
        assertThat(done.path("rows").path("duplicate").asLong()).isEqualTo(2_000);
        assertThat(done.path("rows").path("accepted").asLong()).isZero();
        assertThat(stack.chargeStatuses(second)).isEmpty();
        awaitQueuesEmpty("InvoiceQueue", "EmailQueue");
        assertThat(stack.keys("invoices/")).hasSize(boletos);
        assertThat(stack.stack.emulators().smtp().receivedMessages()).hasSize(emails);
        assertThat(stack.emlFiles()).isEqualTo(emails);
    }

    @Test
    void poisonMessages_shouldReachTheDeadLetterQueues_whileTheUploadCompletes() throws Exception {
        // 1 s visibility: each of the 5 receives (maxReceiveCount) comes back a second after it failed
        stack = RunningStack.start(dataDir, true, 1);
        SqsClient sqs = stack.stack.emulators().sqs().client();
        String invoicePoison = "{\"uploadId\":\"not-a-uuid\",\"debtIds\":[";
        String emailPoison = "{\"upload_id\":\"3f1c2a9e-7b4d-4e8a-9c61-2d5f0b7a8e14\",\"debt_ids\":[\"x\"]}";
        sqs.sendMessage(b -> b.queueUrl(stack.queueUrl("InvoiceQueue")).messageBody(invoicePoison));
        sqs.sendMessage(b -> b.queueUrl(stack.queueUrl("EmailQueue")).messageBody(emailPoison));
        Sample sample = Sample.write(files.resolve("small.csv"), 50, 15, 0, false);
        String uploadId = stack.upload(sample.file());

        JsonNode done = stack.awaitFinished(uploadId, Duration.ofMinutes(2));
        List<String> invoiceDead = awaitDeadLetters("InvoiceDeadLetterQueue", 1, Duration.ofMinutes(1));
        List<String> emailDead = awaitDeadLetters("EmailDeadLetterQueue", 1, Duration.ofMinutes(1));

        assertThat(invoiceDead).containsExactly(invoicePoison);
        assertThat(emailDead).containsExactly(emailPoison);
        assertThat(done.path("status").asText()).as("%s", done).isEqualTo("COMPLETED");
        assertThat(stack.chargeStatuses(uploadId)).isEqualTo(Map.of("EMAILED", 50L));
        assertThat(stack.stack.emulators().smtp().receivedMessages()).hasSize(50);
        awaitQueuesEmpty("InvoiceQueue", "EmailQueue");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A generated file and what it should come to. */
    record Sample(Path file, List<String> valid, Map<Long, String> rejectedLines) {

        /** @param repeatFirst append the first valid row again at the end: an in-file duplicate */
        static Sample write(Path file, int rows, long seed, double dirtyPercent, boolean repeatFirst) throws IOException {
            SampleDebtGenerator generator = new SampleDebtGenerator(seed, dirtyPercent);
            List<String> valid = new ArrayList<>();
            Map<Long, String> rejected = new LinkedHashMap<>();
            String firstValid = null;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(SampleDebtGenerator.HEADER + "\n");
                for (int i = 0; i < rows; i++) {
                    SampleRow row = generator.next();
                    out.write(row.csv() + "\n");
                    if (row.valid()) {
                        valid.add(row.debtId());
                        firstValid = firstValid == null ? row.csv() : firstValid;
                    } else {
                        rejected.put(i + 2L, row.csv()); // line 1 is the header
                    }
                }
                if (repeatFirst) {
                    out.write(firstValid + "\n");
                }
            }
            return new Sample(file, valid, rejected);
        }
    }

    private Map<String, String> chargeEmails(String uploadId) throws SQLException {
        Map<String, String> emails = new HashMap<>();
        try (Connection c = stack.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select debt_id, email from charges where upload_id = '" + uploadId + "'")) {
            while (rs.next()) {
                emails.put(rs.getString(1), rs.getString(2));
            }
        }
        return emails;
    }

    private String awaitUploadRow(String key, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String id = stack.string("select id from uploads where object_key = '" + key + "'");
            if (id != null) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no upload row for " + key + " within " + timeout);
    }

    /** Waits until the queues hold nothing, visible or in flight. */
    private void awaitQueuesEmpty(String... logicalIds) throws InterruptedException {
        Queues.awaitEmpty(stack.stack.emulators().sqs().client(), Duration.ofSeconds(30),
                Arrays.stream(logicalIds).map(stack::queueUrl).toArray(String[]::new));
    }

    /** Receives from a dead-letter queue until {@code count} messages arrived (their bodies), or the timeout. */
    private List<String> awaitDeadLetters(String logicalId, int count, Duration timeout) {
        SqsClient sqs = stack.stack.emulators().sqs().client();
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bodies.size() < count && System.nanoTime() < deadline) {
            sqs.receiveMessage(b -> b.queueUrl(stack.queueUrl(logicalId)).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(600)).messages().forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }
}
