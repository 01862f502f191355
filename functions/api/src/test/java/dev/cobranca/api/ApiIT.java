package dev.cobranca.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.zaxxer.hikari.HikariDataSource;
import dev.cobranca.api.adapter.PoolSnapshotHook;
import dev.cobranca.api.adapter.PostgresChargeQuery;
import dev.cobranca.api.adapter.PostgresPaymentStore;
import dev.cobranca.api.adapter.PostgresUploadStore;
import dev.cobranca.api.adapter.S3UrlSigner;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.postgres.DatabaseConfig;
import dev.cobranca.testfixtures.EmulatedAws;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The handler end to end: real PostgreSQL (a fresh database), real S3 protocol (S3Proxy with signature checks),
 * a plain HTTP client using the presigned URLs; every response checked against docs/openapi.yaml.
 */
class ApiIT {

    static final String BUCKET = "cobranca-it";

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(BUCKET);

    static TestDatabase db;
    static HikariDataSource pool;
    static S3Presigner presigner;
    static ApiHandler handler;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        pool = DataSources.create(new DatabaseConfig(db.jdbcUrl(), null, null, 4), "api-it");
        presigner = AWS.s3().presigner();
        handler = handler(Duration.ofMinutes(15));
    }

    @AfterAll
    static void stop() {
        try {
            if (presigner != null) {
                presigner.close();
            }
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    static ApiHandler handler(Duration uploadTtl) {
        ApiConfig config = new ApiConfig(BUCKET, true, uploadTtl, 1024L * 1024 * 1024, Duration.ofMinutes(5), Duration.ofMinutes(5),
                new DatabaseConfig(db.jdbcUrl(), null, null, 4),
                new dev.cobranca.api.webhook.WebhookSettings(List.of(Events.SAMPLE_WEBHOOK_SECRET), Duration.ofMinutes(5)));
        return new ApiHandler(new ApiService(config, new PostgresUploadStore(pool), new PostgresChargeQuery(pool),
                new PostgresPaymentStore(pool), new S3UrlSigner(presigner, BUCKET)));
    }

    /** Calls the handler and checks the response against the OpenAPI document. */
    static Responses call(ApiHandler h, APIGatewayV2HTTPEvent event, String method, String template) {
        Responses r = Responses.of(h.handleRequest(event, null));
        assertThat(OpenApiContract.get().violations(method, template, r.status(), r.body()))
                .as("%s %s -> %s %s", method, template, r.status(), r.body()).isEmpty();
        return r;
    }

    static Responses createUpload(ApiHandler h, String csv) {
        int length = csv.getBytes(StandardCharsets.UTF_8).length;
        return call(h, Events.post("/uploads", "{\"fileName\":\"debts.csv\",\"contentLength\":" + length + "}"), "POST", "/uploads");
    }

    static int put(String url, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static boolean stored(String key) {
        return Files.exists(AWS.s3().objectPath(BUCKET, key));
    }

    // ---- POST /uploads and the presigned PUT

    @Test
    void shouldRegisterTheUpload_andAcceptTheRightPut() throws Exception {
        String csv = "name,governmentId,email,debtAmount,debtDueDate,debtId\nJohn Doe,11111111111,johndoe@kanastra.com.br,1000000.00,2022-10-12,x1\n";
        Responses r = createUpload(handler, csv);

        assertThat(r.status()).isEqualTo(201);
        String id = r.text("uploadId");
        assertThat(TestData.value(pool, "select status || ' ' || object_key || ' ' || bucket || ' ' || file_name || ' ' || content_length from uploads where id = '" + id + "'"))
                .isEqualTo("WAITING uploads/" + id + ".csv " + BUCKET + " debts.csv " + csv.getBytes(StandardCharsets.UTF_8).length);

        assertThat(put(r.text("uploadUrl"), "text/csv", csv.getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
        assertThat(Files.readString(AWS.s3().objectPath(BUCKET, "uploads/" + id + ".csv"))).isEqualTo(csv);
    }

    @Test
    void shouldLetS3RefuseEveryOtherPut() throws Exception {
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Responses r = createUpload(handler, new String(csv, StandardCharsets.UTF_8));
        String url = r.text("uploadUrl");
        String key = "uploads/" + r.text("uploadId") + ".csv";

        assertThat(put(url, "application/octet-stream", csv)).as("another content type").isEqualTo(403);
        assertThat(put(url, null, csv)).as("no content type").isEqualTo(403);
        assertThat(put(url, "text/csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8))).as("longer body").isEqualTo(403);
        assertThat(put(url, "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8))).as("shorter body").isEqualTo(403);
        String otherKey = url.replace(r.text("uploadId"), UUID.randomUUID().toString());
        assertThat(put(otherKey, "text/csv", csv)).as("another key").isEqualTo(403);
        assertThat(stored(key)).isFalse();

        assertThat(put(url, "text/csv", csv)).as("the right PUT still works").isEqualTo(200);
    }

    @Test
    void shouldLetS3RefuseAPutAfterExpiry() throws Exception {
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Responses r = createUpload(handler(Duration.ofSeconds(1)), new String(csv, StandardCharsets.UTF_8));

        Thread.sleep(2_500);

        assertThat(put(r.text("uploadUrl"), "text/csv", csv)).isEqualTo(403);
        assertThat(stored("uploads/" + r.text("uploadId") + ".csv")).isFalse();
    }

    // ---- GET /uploads/{id}

    @Test
    void shouldShowProgress_withCountsAndADownloadableReport() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        TestData.charges(pool, upload, List.of(upload + "-1", upload + "-2", upload + "-3"), "CREATED");
        TestData.charges(pool, upload, List.of(upload + "-4"), "EMAILED");
        TestData.charges(pool, upload, List.of(upload + "-5"), "FAILED");
        String reportKey = "reports/" + upload + "/rejected.csv";
        AWS.s3Client().putObject(b -> b.bucket(BUCKET).key(reportKey).contentType("text/csv"), RequestBody.fromString("line,reason\n3,bad email\n"));
        TestData.sql(pool, "update uploads set rows_total = 7, rows_accepted = 5, rows_rejected = 1, rows_duplicate = 1,"
                + " import_started_at = now(), imported_at = now(), rejected_report_key = '" + reportKey + "' where id = '" + upload + "'");

        Responses r = call(handler, Events.get("/uploads/" + upload), "GET", "/uploads/{id}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("IMPORTED");
        assertThat(r.json().path("rows").toString()).isEqualTo("{\"total\":7,\"accepted\":5,\"rejected\":1,\"duplicate\":1}");
        assertThat(r.json().path("charges").toString())
                .isEqualTo("{\"created\":3,\"invoiced\":0,\"emailed\":1,\"paid\":0,\"failed\":1}");
        assertThat(r.json().path("completedAt").isNull()).isTrue();
        HttpResponse<byte[]> report = get(r.text("rejectedReportUrl"));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(new String(report.body(), StandardCharsets.UTF_8)).isEqualTo("line,reason\n3,bad email\n");
    }

    @Test
    void shouldShowAWaitingUpload_withoutReport() throws Exception {
        UUID upload = TestData.upload(pool, "WAITING");

        Responses r = call(handler, Events.get("/uploads/" + upload), "GET", "/uploads/{id}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("rejectedReportUrl").isNull()).isTrue();
        assertThat(r.json().path("charges").path("created").asLong()).isZero();
        assertThat(call(handler, Events.get("/uploads/" + UUID.randomUUID()), "GET", "/uploads/{id}").status()).isEqualTo(404);
    }

    @Test
    void shouldShowAnOpenMailAlert_whileTheUploadWaitsForItsEmails() throws Exception {
        UUID waiting = TestData.upload(pool, "IMPORTED");
        TestData.charges(pool, waiting, List.of(waiting + "-1"), "INVOICED");
        UUID done = TestData.upload(pool, "COMPLETED");
        TestData.charges(pool, done, List.of(done + "-1"), "EMAILED");
        TestData.sql(pool, "insert into mail_alerts (kind, message, count) values ('SENDING_BLOCKED',"
                + " '554 Message rejected: Email address is not verified', 3) on conflict (kind) do update"
                + " set message = excluded.message, count = 3, resolved_at = null");
        try {
            Responses r = call(handler, Events.get("/uploads/" + waiting), "GET", "/uploads/{id}");
            assertThat(r.json().path("mailAlerts")).hasSize(1);
            assertThat(r.json().path("mailAlerts").get(0).path("kind").asText()).isEqualTo("SENDING_BLOCKED");
            assertThat(r.json().path("mailAlerts").get(0).path("message").asText()).contains("not verified");
            assertThat(r.json().path("mailAlerts").get(0).path("count").asLong()).isEqualTo(3);
            assertThat(call(handler, Events.get("/uploads/" + done), "GET", "/uploads/{id}").json().path("mailAlerts"))
                    .as("nothing of this upload waits for an e-mail").isEmpty();

            TestData.sql(pool, "update mail_alerts set resolved_at = now() where kind = 'SENDING_BLOCKED'");
            assertThat(call(handler, Events.get("/uploads/" + waiting), "GET", "/uploads/{id}").json().path("mailAlerts"))
                    .as("resolved").isEmpty();
        } finally {
            TestData.sql(pool, "delete from mail_alerts");
        }
    }

    // ---- GET /charges/{debtId}

    @Test
    void shouldGetACharge_withADownloadableInvoiceOnceInvoiced() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "inv-" + upload;
        TestData.charges(pool, upload, List.of(debtId), "CREATED");

        Responses before = call(handler, Events.get("/charges/" + debtId), "GET", "/charges/{debtId}");
        assertThat(before.json().path("invoiceUrl").isNull()).isTrue();

        byte[] pdf = "%PDF-1.7 boleto".getBytes(StandardCharsets.US_ASCII);
        AWS.s3Client().putObject(b -> b.bucket(BUCKET).key("invoices/" + debtId + ".pdf").contentType("application/pdf"), RequestBody.fromBytes(pdf));
        TestData.sql(pool, "update charges set status = 'INVOICED', invoiced_at = now(), invoice_key = 'invoices/" + debtId + ".pdf',"
                + " barcode = '" + "1".repeat(44) + "', digitable_line = '" + "2".repeat(47) + "',"
                + " nosso_numero = '12345679000000001', boleto_due_date = current_date + 5 where debt_id = '" + debtId + "'");

        Responses r = call(handler, Events.get("/charges/" + debtId), "GET", "/charges/{debtId}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("INVOICED");
        assertThat(r.text("barcode")).isEqualTo("1".repeat(44));
        assertThat(r.text("digitableLine")).isEqualTo("2".repeat(47));
        assertThat(r.text("governmentId")).isEqualTo("11111111111");
        assertThat(get(r.text("invoiceUrl")).body()).isEqualTo(pdf);
        // invoiced, not yet in a remessa: no NSA (not 0)
        assertThat(r.text("bankStatus")).isEqualTo("NOT_SENT");
        assertThat(r.json().path("remittanceNsa").isNull()).as("%s", r.json()).isTrue();

        TestData.sql(pool, "insert into remittances (convenio, nsa, object_key, title_count, total_amount, generated_at)"
                + " values ('1234567', 41, 'remittances/2026-12-02/000041.rem', 1, 10, now())");
        TestData.sql(pool, "update charges set bank_status = 'SENT', remittance_id = (select id from remittances where nsa = 41)"
                + " where debt_id = '" + debtId + "'");
        Responses sent = call(handler, Events.get("/charges/" + debtId), "GET", "/charges/{debtId}");
        assertThat(sent.text("bankStatus")).isEqualTo("SENT");
        assertThat(sent.json().path("remittanceNsa").asLong()).isEqualTo(41);
    }

    @Test
    void shouldGetAChargeWhoseIdNeedsEscaping() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "a/b c+" + upload.toString().substring(0, 8);
        TestData.charges(pool, upload, List.of(debtId), "CREATED");

        String raw = "/charges/" + java.net.URLEncoder.encode(debtId, StandardCharsets.UTF_8).replace("+", "%20");
        Responses r = call(handler, Events.get(raw), "GET", "/charges/{debtId}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("debtId")).isEqualTo(debtId);
    }

    // ---- GET /charges

    @Test
    void shouldFilterCharges_byUploadAndStatus() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        UUID other = TestData.upload(pool, "IMPORTED");
        TestData.charges(pool, upload, List.of(upload + "-r1", upload + "-r2"), "CREATED");
        TestData.charges(pool, other, List.of(other + "-r1"), "CREATED");
        TestData.charges(pool, upload, List.of(upload + "-p1"), "PAID");
        TestData.charges(pool, upload, List.of(upload + "-r3"), "CREATED");

        Responses all = call(handler, Events.get("/charges", Map.of("uploadId", upload.toString())), "GET", "/charges");
        assertThat(all.json().path("items")).extracting(n -> n.path("debtId").asText())
                .containsExactly(upload + "-r1", upload + "-r2", upload + "-p1", upload + "-r3");

        Responses created = call(handler, Events.get("/charges", Map.of("uploadId", upload.toString(), "status", "CREATED", "limit", "2")), "GET", "/charges");
        assertThat(created.json().path("items")).extracting(n -> n.path("debtId").asText()).containsExactly(upload + "-r1", upload + "-r2");
        Responses rest = call(handler, Events.get("/charges", Map.of("uploadId", upload.toString(), "status", "CREATED", "limit", "2",
                "cursor", created.text("nextCursor"))), "GET", "/charges");
        assertThat(rest.json().path("items")).extracting(n -> n.path("debtId").asText()).containsExactly(upload + "-r3");
        assertThat(rest.json().path("nextCursor").isNull()).isTrue();

        Responses paid = call(handler, Events.get("/charges", Map.of("status", "PAID", "limit", "500")), "GET", "/charges");
        assertThat(paid.json().path("items")).extracting(n -> n.path("status").asText()).containsOnly("PAID");
        assertThat(paid.json().path("items")).extracting(n -> n.path("debtId").asText()).contains(upload + "-p1");

        Responses none = call(handler, Events.get("/charges", Map.of("uploadId", UUID.randomUUID().toString())), "GET", "/charges");
        assertThat(none.json().path("items")).isEmpty();
        assertThat(none.json().path("nextCursor").isNull()).isTrue();
    }

    // ---- POST /webhooks/payments

    static String payment(String debtId, String paidAt, String amount, String paidBy) {
        return "{\"debtId\":\"" + debtId + "\",\"paidAt\":\"" + paidAt + "\",\"paidAmount\":" + amount + ",\"paidBy\":\"" + paidBy + "\"}";
    }

    @Test
    void shouldRecordAPaymentOnce_whenTheWebhookIsReplayed() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "pay-" + upload;
        TestData.charges(pool, upload, List.of(debtId), "EMAILED");
        String body = payment(debtId, "2026-03-12T16:03:58-03:00", "1000000.00", "John Doe");

        // the provider delivers it five times at once, then twice more
        List<Callable<Responses>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(() -> call(handler, Events.webhook(body, java.time.Instant.now()), "POST", "/webhooks/payments"));
        }
        List<Responses> responses = new ArrayList<>();
        try (ExecutorService pool5 = Executors.newFixedThreadPool(5)) {
            for (Future<Responses> f : pool5.invokeAll(deliveries)) {
                responses.add(f.get());
            }
        }
        responses.add(call(handler, Events.webhook(body, java.time.Instant.now()), "POST", "/webhooks/payments"));
        responses.add(call(handler, Events.webhook(body.replace("1000000.00", "1000000"), java.time.Instant.now()), "POST", "/webhooks/payments"));

        assertThat(responses).extracting(Responses::status).containsOnly(200);
        assertThat(responses).filteredOn(r -> !r.json().path("replayed").asBoolean()).hasSize(1);
        assertThat(responses).extracting(r -> r.text("paidAt")).containsOnly("2026-03-12T19:03:58Z");
        assertThat(TestData.value(pool, "select status || ' ' || paid_amount || ' ' || paid_by || ' ' || payment_mismatch from charges where debt_id = '" + debtId + "'"))
                .isEqualTo("PAID 1000000.00 John Doe false");
        assertThat(TestData.value(pool, "select paid_at = '2026-03-12T19:03:58Z'::timestamptz from charges where debt_id = '" + debtId + "'")).isEqualTo(true);
        // it was the upload's only charge still open: the upload is complete
        assertThat(TestData.value(pool, "select status from uploads where id = '" + upload + "'")).isEqualTo("COMPLETED");
    }

    @Test
    void shouldRefuseASecondDifferentPayment_with409() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "pay2-" + upload;
        TestData.charges(pool, upload, List.of(debtId), "INVOICED");
        assertThat(call(handler, Events.webhook(payment(debtId, "2026-03-12T16:03:58-03:00", "1000000.00", "John Doe"), java.time.Instant.now()),
                "POST", "/webhooks/payments").status()).isEqualTo(200);

        Responses again = call(handler, Events.webhook(payment(debtId, "2026-03-13T10:00:00-03:00", "1000000.00", "John Doe"), java.time.Instant.now()),
                "POST", "/webhooks/payments");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("conflict");
        assertThat(TestData.value(pool, "select paid_at = '2026-03-12T19:03:58Z'::timestamptz from charges where debt_id = '" + debtId + "'")).isEqualTo(true);
    }

    @Test
    void shouldRecordAndFlagAPaymentOfAnotherAmount() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "pay3-" + upload;
        TestData.charges(pool, upload, List.of(debtId, debtId + "-open"), "EMAILED");
        TestData.sql(pool, "update charges set status = 'CREATED' where debt_id = '" + debtId + "-open'");

        Responses r = call(handler, Events.webhook(payment(debtId, "2026-03-12T16:03:58Z", "\"999.99\"", "Jane Roe"), java.time.Instant.now()),
                "POST", "/webhooks/payments");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("paymentMismatch").asBoolean()).isTrue();
        assertThat(r.json().path("paidAmount").decimalValue()).isEqualByComparingTo(new BigDecimal("999.99"));
        assertThat(r.json().path("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("1000000.00"));
        assertThat(TestData.value(pool, "select payment_mismatch from charges where debt_id = '" + debtId + "'")).isEqualTo(true);
        // another charge of the upload is still waiting for its boleto: not complete
        assertThat(TestData.value(pool, "select status from uploads where id = '" + upload + "'")).isEqualTo("IMPORTED");

        Responses charge = call(handler, Events.get("/charges/" + debtId), "GET", "/charges/{debtId}");
        assertThat(charge.json().path("paymentMismatch").asBoolean()).isTrue();
        assertThat(charge.text("paidBy")).isEqualTo("Jane Roe");
    }

    @Test
    void shouldAnswer404_forAPaymentOfAnUnknownDebt() {
        Responses r = call(handler, Events.webhook(payment("no-such-debt", "2026-03-12T16:03:58Z", "1", "x"), java.time.Instant.now()),
                "POST", "/webhooks/payments");

        assertThat(r.status()).isEqualTo(404);
    }

    // ---- the webhook's signature and inbox

    static String inbox(String debtId) throws Exception {
        return String.valueOf(TestData.value(pool, "select string_agg(outcome || coalesce(':' || event_type, ''), ' ' order by id)"
                + " from webhook_inbox where debt_id = '" + debtId + "' or (debt_id is null and body like '%" + debtId + "%')"));
    }

    @Test
    void shouldMarkPaidOnce_whenTheSameSignedCallIsDeliveredAgain_andKeepBoth() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "sig-" + upload;
        TestData.charges(pool, upload, List.of(debtId), "EMAILED");
        APIGatewayV2HTTPEvent call = Events.webhook(payment(debtId, "2026-03-12T16:03:58-03:00", "1000000.00", "John Doe"),
                java.time.Instant.now().minusSeconds(60));
        String signature = call.getHeaders().get("cobranca-signature");

        Responses first = call(handler, call, "POST", "/webhooks/payments");
        Responses again = call(handler, Events.post("/webhooks/payments", call.getBody()), "POST", "/webhooks/payments");
        APIGatewayV2HTTPEvent replay = Events.anonymous(Events.post("/webhooks/payments", call.getBody()));
        replay.getHeaders().put("cobranca-signature", signature);
        Responses replayed = call(handler, replay, "POST", "/webhooks/payments");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("replayed").asBoolean()).isFalse();
        assertThat(again.status()).as("a bearer token is no signature").isEqualTo(401);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().path("replayed").asBoolean()).isTrue();
        assertThat(inbox(debtId)).isEqualTo("accepted:payment duplicate:payment");
        assertThat(TestData.value(pool, "select reason from webhook_inbox where debt_id = '" + debtId + "' and outcome = 'duplicate'"))
                .asString().contains("#" + first.json().path("inboxId").asLong());
        assertThat(TestData.value(pool, "select status || ' ' || paid_amount from charges where debt_id = '" + debtId + "'"))
                .isEqualTo("PAID 1000000.00");
    }

    @Test
    void shouldRefuseUnsignedWronglySignedAndStaleCalls_keepingNoneOfThem() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String debtId = "refused-" + upload;
        TestData.charges(pool, upload, List.of(debtId), "EMAILED");
        String body = payment(debtId, "2026-03-12T16:03:58-03:00", "1000000.00", "Mallory");
        java.time.Instant now = java.time.Instant.now();

        APIGatewayV2HTTPEvent unsigned = Events.anonymous(Events.post("/webhooks/payments", body));
        APIGatewayV2HTTPEvent forged = Events.signed(Events.post("/webhooks/payments", body), "a-key-the-provider-never-had", now);
        APIGatewayV2HTTPEvent stale = Events.webhook(body, now.minus(Duration.ofMinutes(6)));
        for (APIGatewayV2HTTPEvent e : List.of(unsigned, forged, stale)) {
            Responses r = call(handler, e, "POST", "/webhooks/payments");
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.error()).isEqualTo("unauthorized");
        }
        assertThat(TestData.value(pool, "select status from charges where debt_id = '" + debtId + "'")).isEqualTo("EMAILED");
        assertThat(TestData.value(pool, "select count(*) from webhook_inbox where body like '%" + debtId + "%'")).isEqualTo(0L);
    }

    @Test
    void shouldKeepEveryVerifiedCall_evenThoseThatCannotBeApplied() throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        String paid = "inbox-paid-" + upload;
        String refunded = "inbox-refund-" + upload;
        TestData.charges(pool, upload, List.of(paid, refunded), "EMAILED");
        java.time.Instant now = java.time.Instant.now();
        assertThat(call(handler, Events.webhook(payment(paid, "2026-03-12T16:03:58Z", "1000000.00", "John Doe"), now),
                "POST", "/webhooks/payments").status()).isEqualTo(200);

        Responses conflict = call(handler, Events.webhook(payment(paid, "2026-03-13T09:00:00Z", "5.00", "Jane Roe"), now),
                "POST", "/webhooks/payments");
        Responses unknown = call(handler, Events.webhook(payment("inbox-unknown-" + upload, "2026-03-12T16:03:58Z", "10", "x"), now),
                "POST", "/webhooks/payments");
        Responses refund = call(handler, Events.webhook("{\"type\":\"refund\",\"eventId\":\"evt-r1\",\"debtId\":\"" + refunded
                + "\",\"paidAmount\":1000000.00}", now), "POST", "/webhooks/payments");
        Responses chargeback = call(handler, Events.webhook("{\"type\":\"chargeback\",\"debtId\":\"" + paid + "\"}", now),
                "POST", "/webhooks/payments");
        Responses unreadable = call(handler, Events.webhook("{\"debtId\":\"" + refunded + "\",\"paidAt\":\"soon\"}", now),
                "POST", "/webhooks/payments");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("message")).contains("kept as inbox #");
        assertThat(refund.status()).isEqualTo(202);
        assertThat(chargeback.status()).isEqualTo(202);
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(inbox(paid)).isEqualTo("accepted:payment conflict:payment ignored_type:chargeback");
        assertThat(inbox("inbox-unknown-" + upload)).isEqualTo("unknown_debt:payment");
        assertThat(inbox(refunded)).isEqualTo("ignored_type:refund refused");
        // only the payment changed a charge: the refund and the chargeback are kept for a person, the charges untouched
        assertThat(TestData.value(pool, "select status || ' ' || paid_by from charges where debt_id = '" + paid + "'")).isEqualTo("PAID John Doe");
        assertThat(TestData.value(pool, "select status from charges where debt_id = '" + refunded + "'")).isEqualTo("EMAILED");
        assertThat(TestData.value(pool, "select reason from webhook_inbox where body like '%soon%'")).asString().contains("paidAt");
        assertThat(TestData.value(pool, "select event_id from webhook_inbox where debt_id = '" + refunded + "' and outcome = 'ignored_type'"))
                .isEqualTo("evt-r1");
    }

    // ---- SnapStart

    @Test
    void shouldEvictPooledConnections_aroundASnapshot() throws Exception {
        HikariDataSource own = DataSources.create(new DatabaseConfig(db.jdbcUrl(), null, null, 2), "api-snapshot-it");
        try {
            try (var c = own.getConnection()) {
                c.createStatement().execute("select 1");
            }
            assertThat(own.getHikariPoolMXBean().getIdleConnections()).isEqualTo(1);

            new PoolSnapshotHook(own).beforeCheckpoint(null);

            assertThat(own.getHikariPoolMXBean().getTotalConnections()).isZero();
            try (var c = own.getConnection()) { // and the pool opens a fresh one when asked
                assertThat(c.isValid(1)).isTrue();
            }
        } finally {
            own.close();
        }
    }
}
