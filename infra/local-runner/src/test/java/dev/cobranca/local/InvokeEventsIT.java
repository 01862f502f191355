package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobranca.emulators.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code invoke <LogicalId> --event events/<fn>/<file>.json} with every sample event, as {@code sam local invoke}
 * would be used: first on an empty stack (what the functions answer when the things the event names do not exist),
 * then once the state the events name is there (the object, the charges), answering as on AWS.
 */
class InvokeEventsIT {

    private static final Path EVENTS = RunningStack.template().resolveSibling("events");
    /** The debts the invoice and e-mail events name (upload 3f1c2a9e-…), and the charge the API events name. */
    private static final List<String> EVENT_DEBT_IDS = List.of("1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca",
            "d2a5e1f0-6c3b-4a7e-8f19-5b0c3d7e9a42", "8c7f3e21-94ab-4d6c-b0e5-1f2a3b4c5d6e",
            "4e9b7d13-2c8a-4f5e-a6d1-9b3c7e0f2a58", "b61f0c9d-3e7a-4b28-9d4c-5a1e8f7b2c03");
    /** The object s3-object-created.json names. */
    private static final String EVENT_KEY = "uploads/6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31.csv";

    @TempDir
    Path dataDir;

    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.create();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    /** What {@code invoke} printed and its exit code. */
    record Invocation(int exitCode, JsonNode response, String out) {
        int statusCode() {
            return response.path("statusCode").asInt();
        }

        JsonNode body() {
            return RunningStack.parse(response.path("body").asText());
        }

        List<String> failedMessageIds() {
            List<String> ids = new ArrayList<>();
            response.path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
            return ids;
        }
    }

    @Test
    void everyEvent_onAnEmptyStack_shouldGetTheAnswerAwsWouldGive() throws Exception {
        // HTTP API: nothing there yet
        assertThat(invoke("ApiFunction", "api/http-create-upload.json").statusCode()).isEqualTo(201);
        assertThat(invoke("ApiFunction", "api/http-get-upload.json").statusCode()).isEqualTo(404);
        assertThat(invoke("ApiFunction", "api/http-get-charge.json").statusCode()).isEqualTo(404);
        Invocation list = invoke("ApiFunction", "api/http-list-charges.json");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body().path("items")).isEmpty();
        assertThat(invoke("ApiFunction", "api/http-malformed-json.json").statusCode()).isEqualTo(400);
        assertThat(invoke("ApiFunction", "api/http-payment-webhook.json").statusCode())
                .as("signed long ago, with another key").isEqualTo(401);
        assertThat(invokeSignedWebhook().statusCode()).isEqualTo(404);

        // the object the S3 event names does not exist: no retry can help, so the upload ends FAILED, saying why
        Invocation missing = invoke("CsvImportFunction", "csv-import/s3-object-created.json");
        assertThat(missing.exitCode()).as(missing.out()).isEqualTo(0);
        assertThat(missing.response().path("imports").get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(missing.response().path("imports").get(0).path("error").asText()).contains("does not exist");
        Invocation dropped = invoke("CsvImportFunction", "csv-import/s3-object-created-dropped.json");
        assertThat(dropped.exitCode()).as(dropped.out()).isEqualTo(0);
        assertThat(dropped.response().path("imports").get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(uploadsDump()).doesNotContain("IMPORTING");

        // SQS: well-formed messages about charges that do not exist succeed (nothing to do); the poison fails alone
        assertThat(invoke("InvoiceFunction", "invoice/sqs-invoice-requested.json").failedMessageIds()).isEmpty();
        assertThat(invoke("InvoiceFunction", "invoice/sqs-invoice-requested-poison.json").failedMessageIds())
                .containsExactly("f0e1d2c3-b4a5-4968-8776-655443322110");
        assertThat(invoke("EmailFunction", "email/sqs-email-requested.json").failedMessageIds()).isEmpty();
        assertThat(invoke("EmailFunction", "email/sqs-email-requested-poison.json").failedMessageIds())
                .containsExactly("0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d");
    }

    @Test
    void everyEvent_onceWhatItNamesExists_shouldDoItsWork() throws Exception {
        String bucket = seed();

        // the S3 events: each object imported, once however often the event comes
        Invocation imported = invoke("CsvImportFunction", "csv-import/s3-object-created.json");
        assertThat(imported.exitCode()).as(imported.out()).isZero();
        JsonNode result = imported.response().path("imports").path(0);
        assertThat(result.path("uploadId").asText()).isEqualTo("6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31");
        assertThat(result.path("status").asText()).isEqualTo("IMPORTED");
        assertThat(result.path("rows").path("accepted").asLong()).isEqualTo(5);
        assertThat(invoke("CsvImportFunction", "csv-import/s3-object-created.json").response().path("imports").path(0)
                .path("status").asText()).as("a second delivery").isEqualTo("IMPORTED");
        Invocation dropped = invoke("CsvImportFunction", "csv-import/s3-object-created-dropped.json");
        assertThat(dropped.exitCode()).as(dropped.out()).isZero();
        assertThat(dropped.response().path("imports").path(0).path("key").asText())
                .isEqualTo("uploads/cobranças de março 2026.csv");
        assertThat(dropped.response().path("imports").path(0).path("rows").path("accepted").asLong()).isEqualTo(1);
        assertThat(scalar("select count(*) from charges")).isEqualTo(6);

        // SQS: boletos for the five charges, then their e-mails; each poison message fails alone
        assertThat(invoke("InvoiceFunction", "invoice/sqs-invoice-requested.json").failedMessageIds()).isEmpty();
        Path invoices = dataDir.resolve("s3").resolve(bucket).resolve("invoices");
        for (String debtId : EVENT_DEBT_IDS) {
            assertThat(Files.readAllBytes(invoices.resolve(debtId + ".pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(invoke("InvoiceFunction", "invoice/sqs-invoice-requested-poison.json").failedMessageIds())
                .containsExactly("f0e1d2c3-b4a5-4968-8776-655443322110");
        assertThat(scalar("select count(*) from charges where status = 'INVOICED'")).isEqualTo(5);
        assertThat(invoke("EmailFunction", "email/sqs-email-requested.json").failedMessageIds()).isEmpty();
        assertThat(invoke("EmailFunction", "email/sqs-email-requested-poison.json").failedMessageIds())
                .containsExactly("0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d");
        assertThat(files(dataDir.resolve("mail"), ".eml")).as("one e-mail per charge, the replay sent none").hasSize(5);
        assertThat(scalar("select count(*) from charges where status = 'EMAILED'")).isEqualTo(5);
        assertThat(string("select status from uploads where id = '6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31'")).isEqualTo("COMPLETED");

        // the HTTP API on that state
        Invocation charge = invoke("ApiFunction", "api/http-get-charge.json");
        assertThat(charge.statusCode()).as(charge.out()).isEqualTo(200);
        assertThat(charge.body().path("barcode").asText()).hasSize(44);
        assertThat(charge.body().path("invoiceUrl").asText()).contains("invoices/1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca.pdf");
        assertThat(invokeSignedWebhook().statusCode()).isEqualTo(200);
        assertThat(string("select status from charges where debt_id = '1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca'")).isEqualTo("PAID");
        Invocation upload = invoke("ApiFunction", "api/http-get-upload.json");
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body().path("status").asText()).isEqualTo("WAITING");
        assertThat(invoke("ApiFunction", "api/http-list-charges.json").statusCode()).isEqualTo(200);
    }

    /**
     * What the events name: the two objects of the S3 events (put through S3, with nothing wired, as before the
     * notification), and the upload of the API events as {@code POST /uploads} leaves it. Returns the bucket.
     */
    private String seed() throws Exception {
        StringBuilder csv = new StringBuilder("name,governmentId,email,debtAmount,debtDueDate,debtId\n");
        for (int i = 0; i < EVENT_DEBT_IDS.size(); i++) {
            csv.append("Devedor Número %d,%011d,devedor%d@example.com,%s,2026-04-%02d,%s\n".formatted(i, 12345678900L + i, i,
                    i == 0 ? "1000000.00" : (100 + i) + ".50", 10 + i, EVENT_DEBT_IDS.get(i)));
        }
        String droppedCsv = "name,governmentId,email,debtAmount,debtDueDate,debtId\n"
                + "Conceição Araújo,1234,conceicao@example.com,7811,2026-03-31,0f3c9e7a-2b61-4d8e-9f10-3a5b7c9d1e2f\n";
        try (Stack stack = Stack.start(new StackOptions(dataDir, RunningStack.template(), db.jdbcUrl(), 0,
                dev.cobranca.emulators.Emulators.Ports.DYNAMIC, 1, null, java.util.Map.of(), false))) {
            var s3 = stack.emulators().s3().client();
            s3.putObject(b -> b.bucket(stack.mainBucket()).key(EVENT_KEY).contentType("text/csv"), RequestBody.fromString(csv.toString()));
            s3.putObject(b -> b.bucket(stack.mainBucket()).key("uploads/cobranças de março 2026.csv").contentType("text/csv"),
                    RequestBody.fromString(droppedCsv));
            try (var c = stack.dataSource().getConnection(); var s = c.createStatement()) {
                s.execute("insert into uploads (id, bucket, object_key, file_name, content_length) values "
                        + "('6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', '" + stack.mainBucket()
                        + "', 'uploads/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b.csv', 'debts-2026-03.csv', 1048576)");
            }
            return stack.mainBucket();
        }
    }

    private String uploadsDump() throws java.sql.SQLException {
        return string("select string_agg(format('%s %s %s %s', object_key, status, lease_owner, error), ' | ') from uploads");
    }

    private long scalar(String sql) throws java.sql.SQLException {
        return Long.parseLong(string(sql));
    }

    private String string(String sql) throws java.sql.SQLException {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<Path> files(Path dir, String suffix) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static final String WEBHOOK_SECRET = "invoke-events-it-webhook-secret";

    /** The sample webhook event, signed now (its own signature is months old) with the key given to invoke. */
    private Invocation invokeSignedWebhook() throws java.io.IOException {
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) RunningStack.parse(
                Files.readString(EVENTS.resolve("api/http-payment-webhook.json")));
        byte[] body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("headers")).put("cobranca-signature",
                dev.cobranca.api.webhook.WebhookSignature.sign(WEBHOOK_SECRET, java.time.Instant.now().getEpochSecond(), body));
        Path file = dataDir.resolve("http-payment-webhook-signed.json");
        Files.writeString(file, event.toString());
        return invoke("ApiFunction", file.toString(), "--webhook-secret", WEBHOOK_SECRET);
    }

    private Invocation invoke(String logicalId, String event, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        long t0 = System.nanoTime();
        // invoke prints the response on System.out
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("invoke", logicalId, "--event", EVENTS.resolve(event).toString(),
                "--template", RunningStack.template().toString(), "--data-dir", dataDir.toString(),
                "--database-url", db.jdbcUrl()));
            args.addAll(List.of(more));
            code = CobrancaLocal.execute(args.toArray(String[]::new), System.out, System.err);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.printf("invoke %s %s -> %d in %d ms%n", logicalId, event, code, (System.nanoTime() - t0) / 1_000_000);
        String json = printed.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}");
        return new Invocation(code, RunningStack.parse(json), printed);
    }
}
