package dev.cobranca.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cobranca.api.auth.Scopes;
import dev.cobranca.api.model.Charge;
import dev.cobranca.api.webhook.WebhookSettings;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.postgres.DatabaseConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handler over in-memory ports: routing, parsing and error answers, fed the real sample events. */
class ApiRoutesTest {

    static final long MAX_BYTES = 1024L * 1024 * 1024;

    final InMemoryUploadStore uploads = new InMemoryUploadStore();
    final InMemoryChargeQuery charges = new InMemoryChargeQuery();
    final InMemoryPaymentStore payments = new InMemoryPaymentStore();

    ApiHandler handler() {
        ApiConfig config = new ApiConfig("cobranca-test", true, Duration.ofMinutes(15), MAX_BYTES, Duration.ofMinutes(5),
                Duration.ofMinutes(5), new DatabaseConfig("jdbc:postgresql://localhost/unused", null, null, 1),
                new WebhookSettings(List.of(Events.SAMPLE_WEBHOOK_SECRET), Duration.ofMinutes(5)));
        // the clock of the sample events: the webhook event's signature is that old
        Clock clock = Clock.fixed(Events.SAMPLE_TIME.plusSeconds(20), java.time.ZoneOffset.UTC);
        return new ApiHandler(new ApiService(config, uploads, charges, payments, new FixedUrlSigner(), clock));
    }

    static APIGatewayV2HTTPEvent webhook(String body) {
        return Events.webhook(body, Events.SAMPLE_TIME);
    }

    Responses call(APIGatewayV2HTTPEvent event) {
        return Responses.of(handler().handleRequest(event, null));
    }

    @Test
    void shouldCreateUpload_withServerChosenKeyAndPinnedHeaders() {
        Responses r = call(Events.load("http-create-upload.json"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        UUID id = UUID.fromString(r.text("uploadId"));
        assertThat(uploads.created.get(id).objectKey()).isEqualTo("uploads/" + id + ".csv");
        assertThat(uploads.created.get(id).fileName()).isEqualTo("debts-2026-03.csv");
        assertThat(uploads.created.get(id).contentLength()).isEqualTo(1048576);
        assertThat(r.text("method")).isEqualTo("PUT");
        assertThat(r.json().path("headers").path("Content-Type").asText()).isEqualTo("text/csv");
        assertThat(r.json().path("headers").path("Content-Length").asText()).isEqualTo("1048576");
        assertThat(r.text("uploadUrl")).contains("uploads/" + id + ".csv");
        assertThat(Instant.parse(r.text("expiresAt"))).isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
        assertThat(OpenApiContract.get().violations("POST", "/uploads", 201, r.body())).isEmpty();
    }

    @Test
    void shouldAnswer400_forTheMalformedJsonEvent() {
        Responses r = call(Events.load("http-malformed-json.json"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("malformed_json");
        assertThat(uploads.created).isEmpty();
    }

    @Test
    void shouldAnswer404_forTheSampleUploadWhenItDoesNotExist_and200_whenItDoes() {
        assertThat(call(Events.load("http-get-upload.json")).status()).isEqualTo(404);

        uploads.progress.put(UUID.fromString(Events.SAMPLE_UPLOAD_ID), new dev.cobranca.api.model.UploadProgress(
                UUID.fromString(Events.SAMPLE_UPLOAD_ID), dev.cobranca.core.upload.UploadStatus.IMPORTED, 3, 2, 1, 0,
                Map.of(ChargeStatus.CREATED, 2L), Instant.now(), Instant.now(), Instant.now(), null,
                "reports/" + Events.SAMPLE_UPLOAD_ID + "/rejected.csv", null, 1, null));
        Responses r = call(Events.load("http-get-upload.json"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("rows").path("rejected").asLong()).isEqualTo(1);
        assertThat(r.json().path("charges").path("created").asLong()).isEqualTo(2);
        assertThat(r.json().path("charges").path("paid").asLong()).isZero();
        assertThat(r.text("rejectedReportUrl")).contains("reports/" + Events.SAMPLE_UPLOAD_ID + "/rejected.csv");
        assertThat(r.json().path("overwrites").asInt()).isEqualTo(1);
        assertThat(OpenApiContract.get().violations("GET", "/uploads/{id}", 200, r.body())).isEmpty();
    }

    @Test
    void shouldListAndGetTheSampleCharge() {
        charges.charges.add(charge(1, Events.SAMPLE_DEBT_ID, ChargeStatus.CREATED));
        charges.charges.add(charge(2, "other", ChargeStatus.PAID));

        Responses list = call(Events.load("http-list-charges.json"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0).path("debtId").asText()).isEqualTo(Events.SAMPLE_DEBT_ID);
        assertThat(list.json().path("items").get(0).has("invoiceUrl")).isFalse();
        assertThat(list.json().path("nextCursor").isNull()).isTrue();

        Responses one = call(Events.load("http-get-charge.json"));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("governmentId")).isEqualTo("11111111111");
        assertThat(one.text("email")).isEqualTo("johndoe@kanastra.com.br");
        assertThat(one.json().path("amount").decimalValue()).isEqualByComparingTo("1000000.00");
        assertThat(one.json().has("invoiceUrl")).isTrue();
        assertThat(one.json().path("invoiceUrl").isNull()).isTrue();
        assertThat(OpenApiContract.get().violations("GET", "/charges/{debtId}", 200, one.body())).isEmpty();
    }

    @Test
    void shouldAnswer404_forAPaymentOfAnUnknownDebt() {
        Responses r = call(Events.load("http-payment-webhook.json"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("not_found");
    }

    @Test
    void shouldAcceptTheSignedSampleWebhook_andKeepItInTheInbox() {
        Charge paid = charge(1, Events.SAMPLE_DEBT_ID, ChargeStatus.PAID);
        payments.answer = e -> InMemoryPaymentStore.accepted(new Charge(paid.seq(), paid.debtId(), paid.uploadId(), paid.name(),
                paid.governmentId(), paid.email(), paid.amount(), paid.dueDate(), ChargeStatus.PAID, null, null, null, 0, null,
                paid.createdAt(), null, null, e.payment().paidAt(), e.payment().paidAmount(), e.payment().paidBy(), false));

        Responses r = call(Events.load("http-payment-webhook.json"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("PAID");
        assertThat(r.json().path("replayed").asBoolean()).isFalse();
        assertThat(payments.inbox).hasSize(1);
        assertThat(payments.inbox.getFirst().signedAt()).isEqualTo(Events.SAMPLE_TIME);
        assertThat(payments.inbox.getFirst().body()).contains(Events.SAMPLE_DEBT_ID);
        assertThat(OpenApiContract.get().violations("POST", "/webhooks/payments", 200, r.body())).isEmpty();
    }

    @Test
    void shouldAcceptASignatureAmongSeveral_madeWithAnyOfOurKeys() {
        APIGatewayV2HTTPEvent e = Events.load("http-payment-webhook.json");
        String ours = e.getHeaders().get("cobranca-signature");
        String other = dev.cobranca.api.webhook.WebhookSignature.sign("the-providers-next-key-0123456789", Events.SAMPLE_TIME.getEpochSecond(),
                e.getBody().getBytes(StandardCharsets.UTF_8));
        // the provider rotating its key sends both; the order does not matter
        e.getHeaders().put("cobranca-signature", other + "," + ours.substring(ours.indexOf("v1=")));

        assertThat(call(e).status()).isEqualTo(404); // through the signature check, to the (absent) charge
        assertThat(payments.inbox).hasSize(1);
    }

    @Test
    void shouldKeepARefundWithoutPayingAnything_answering202() {
        payments.answer = e -> new dev.cobranca.api.model.WebhookResult(7, dev.cobranca.api.model.WebhookOutcome.IGNORED_TYPE,
                dev.cobranca.api.model.WebhookOutcome.IGNORED_TYPE, "refund events are kept, not applied", null);

        Responses r = call(webhook("{\"type\":\"refund\",\"eventId\":\"evt_1\",\"debtId\":\"d1\",\"amount\":10}"));

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.text("outcome")).isEqualTo("ignored_type");
        assertThat(r.text("type")).isEqualTo("refund");
        assertThat(OpenApiContract.get().violations("POST", "/webhooks/payments", 202, r.body())).isEmpty();
    }

    @Test
    void shouldKeepASignedCallWhoseBodyIsRefused_butNotAnUnsignedOne() {
        assertThat(call(webhook("{\"debtId\":\"d\",\"paidAt\":\"yesterday\",\"paidAmount\":1,\"paidBy\":\"x\"}")).status()).isEqualTo(400);
        assertThat(payments.refusals).singleElement().asString().contains("paidAt");

        assertThat(call(unsigned()).status()).isEqualTo(401);
        assertThat(call(tampered()).status()).isEqualTo(401);
        assertThat(payments.inbox).hasSize(1);
    }

    @Test
    void shouldAnswer500WithoutDetails_whenAPortFails() {
        payments.answer = e -> {
            throw new IllegalStateException("connection refused to db.internal:5432");
        };
        Responses r = call(Events.load("http-payment-webhook.json"));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error()).isEqualTo("internal_error");
        assertThat(r.body()).doesNotContain("db.internal").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(r.text("message")).contains("Yc5Qf5bOoAMEJqE="); // the request id, to find the logged cause
    }

    @Test
    void shouldPageWithAnOpaqueCursor() {
        for (int i = 1; i <= 5; i++) {
            charges.charges.add(charge(i * 10, "d" + i, ChargeStatus.CREATED));
        }
        Responses first = call(Events.get("/charges", Map.of("limit", "2")));
        assertThat(first.json().path("items")).extracting(n -> n.path("debtId").asText()).containsExactly("d1", "d2");
        String cursor = first.text("nextCursor");
        assertThat(cursor).doesNotContain("20");

        Responses second = call(Events.get("/charges", Map.of("limit", "2", "cursor", cursor)));
        assertThat(second.json().path("items")).extracting(n -> n.path("debtId").asText()).containsExactly("d3", "d4");
        Responses third = call(Events.get("/charges", Map.of("limit", "2", "cursor", second.text("nextCursor"))));
        assertThat(third.json().path("items")).extracting(n -> n.path("debtId").asText()).containsExactly("d5");
        assertThat(third.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldAnswer405WithAllow_forAKnownPathWithAnotherMethod() {
        Responses r = call(Events.method(Events.get("/uploads"), "GET"));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers()).containsEntry("Allow", "POST");
        assertThat(OpenApiContract.get().violationsOf("Error", r.body())).isEmpty();
    }

    @Test
    void shouldDecodeABase64Body() {
        APIGatewayV2HTTPEvent e = Events.load("http-create-upload.json");
        e.setBody(Base64.getEncoder().encodeToString("{\"fileName\":\"a.CSV\",\"contentLength\":10}".getBytes(StandardCharsets.UTF_8)));
        e.setIsBase64Encoded(true);

        assertThat(call(e).status()).isEqualTo(201);
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"fileName\":\"a.csv\",\"contentLength\":1,\"x\":\"" + "x".repeat(70_000) + "\"}";
        return Stream.of(
                // routes
                Arguments.of("unknown path", Events.get("/nope"), 404, "not_found"),
                Arguments.of("trailing segment", Events.get("/charges/a/b"), 404, "not_found"),
                Arguments.of("DELETE a charge", Events.method(Events.get("/charges/x"), "DELETE"), 405, "method_not_allowed"),
                Arguments.of("GET the webhook", Events.get("/webhooks/payments"), 405, "method_not_allowed"),
                // tokens: the function checks the authorizer's scopes again
                Arguments.of("upload without a token", Events.anonymous(Events.load("http-create-upload.json")), 401, "unauthorized"),
                Arguments.of("charges without a token", Events.anonymous(Events.load("http-list-charges.json")), 401, "unauthorized"),
                Arguments.of("charge without a token", Events.anonymous(Events.load("http-get-charge.json")), 401, "unauthorized"),
                Arguments.of("upload status without a token", Events.anonymous(Events.load("http-get-upload.json")), 401, "unauthorized"),
                Arguments.of("charges with an uploads-only token", Events.withScopes(Events.load("http-list-charges.json"),
                        Scopes.UPLOADS_WRITE, Scopes.UPLOADS_READ), 403, "forbidden"),
                Arguments.of("upload with a read-only token", Events.withScopes(Events.load("http-create-upload.json"),
                        Scopes.CHARGES_READ), 403, "forbidden"),
                // signatures
                Arguments.of("webhook unsigned", unsigned(), 401, "unauthorized"),
                Arguments.of("webhook with a bearer token instead", Events.post("/webhooks/payments",
                        Events.load("http-payment-webhook.json").getBody()), 401, "unauthorized"),
                Arguments.of("webhook signed with another key", Events.signed(Events.load("http-payment-webhook.json"),
                        "another-secret-of-32-characters!", Events.SAMPLE_TIME), 401, "unauthorized"),
                Arguments.of("webhook signed 6 minutes ago", Events.signed(Events.load("http-payment-webhook.json"),
                        Events.SAMPLE_WEBHOOK_SECRET, Events.SAMPLE_TIME.minusSeconds(340)), 401, "unauthorized"),
                Arguments.of("webhook signed in the future", Events.signed(Events.load("http-payment-webhook.json"),
                        Events.SAMPLE_WEBHOOK_SECRET, Events.SAMPLE_TIME.plusSeconds(400)), 401, "unauthorized"),
                Arguments.of("webhook body changed after signing", tampered(), 401, "unauthorized"),
                // ids
                Arguments.of("upload id not a uuid", Events.get("/uploads/123"), 400, "bad_request"),
                Arguments.of("upload id with injection", Events.get("/uploads/1'%20or%201=1"), 400, "bad_request"),
                Arguments.of("debt id too long", Events.get("/charges/" + "x".repeat(65)), 400, "bad_request"),
                Arguments.of("debt id bad escape", Events.get("/charges/%zz"), 400, "bad_request"),
                Arguments.of("unknown upload", Events.get("/uploads/" + UUID.randomUUID()), 404, "not_found"),
                Arguments.of("unknown charge", Events.get("/charges/nope"), 404, "not_found"),
                // list filters
                Arguments.of("uploadId not a uuid", Events.get("/charges", Map.of("uploadId", "x")), 400, "bad_request"),
                Arguments.of("status unknown", Events.get("/charges", Map.of("status", "DONE")), 400, "bad_request"),
                Arguments.of("status lower case", Events.get("/charges", Map.of("status", "paid")), 400, "bad_request"),
                Arguments.of("two statuses", Events.get("/charges", Map.of("status", "PAID,FAILED")), 400, "bad_request"),
                Arguments.of("limit 0", Events.get("/charges", Map.of("limit", "0")), 400, "bad_request"),
                Arguments.of("limit 501", Events.get("/charges", Map.of("limit", "501")), 400, "bad_request"),
                Arguments.of("limit not a number", Events.get("/charges", Map.of("limit", "ten")), 400, "bad_request"),
                Arguments.of("limit negative", Events.get("/charges", Map.of("limit", "-1")), 400, "bad_request"),
                Arguments.of("cursor garbage", Events.get("/charges", Map.of("cursor", "!!!")), 400, "bad_request"),
                Arguments.of("cursor forged", Events.get("/charges", Map.of("cursor",
                        Base64.getUrlEncoder().encodeToString("c1:-5".getBytes(StandardCharsets.US_ASCII)))), 400, "bad_request"),
                Arguments.of("cursor empty", Events.get("/charges", Map.of("cursor", "")), 400, "bad_request"),
                Arguments.of("unknown parameter", Events.get("/charges", Map.of("offset", "100")), 400, "bad_request"),
                // upload bodies
                Arguments.of("no content type", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":1}", null), 415, "unsupported_media_type"),
                Arguments.of("text/plain", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":1}", "text/plain"), 415, "unsupported_media_type"),
                Arguments.of("latin-1 charset", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":1}", "application/json; charset=iso-8859-1"), 415, "unsupported_media_type"),
                Arguments.of("empty body", Events.post("/uploads", ""), 400, "bad_request"),
                Arguments.of("no body", Events.post("/uploads", null), 400, "bad_request"),
                Arguments.of("array body", Events.post("/uploads", "[1]"), 400, "bad_request"),
                Arguments.of("trailing garbage", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":1} x"), 400, "malformed_json"),
                Arguments.of("duplicate key", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"fileName\":\"b.csv\",\"contentLength\":1}"), 400, "malformed_json"),
                Arguments.of("oversize body", Events.post("/uploads", big), 413, "payload_too_large"),
                Arguments.of("missing fileName", Events.post("/uploads", "{\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("null fileName", Events.post("/uploads", "{\"fileName\":null,\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("numeric fileName", Events.post("/uploads", "{\"fileName\":5,\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("not .csv", Events.post("/uploads", "{\"fileName\":\"a.xlsx\",\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("only .csv", Events.post("/uploads", "{\"fileName\":\".csv\",\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("path in name", Events.post("/uploads", "{\"fileName\":\"../etc/a.csv\",\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("control char in name", Events.post("/uploads", "{\"fileName\":\"a\\u0000.csv\",\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("name too long", Events.post("/uploads", "{\"fileName\":\"" + "a".repeat(260) + ".csv\",\"contentLength\":1}"), 400, "bad_request"),
                Arguments.of("missing length", Events.post("/uploads", "{\"fileName\":\"a.csv\"}"), 400, "bad_request"),
                Arguments.of("length as string", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":\"10\"}"), 400, "bad_request"),
                Arguments.of("fractional length", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":1.5}"), 400, "bad_request"),
                Arguments.of("zero length", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":0}"), 400, "bad_request"),
                Arguments.of("negative length", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":-1}"), 400, "bad_request"),
                Arguments.of("huge length", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":99999999999999999999999}"), 400, "bad_request"),
                Arguments.of("length over the limit", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":" + (MAX_BYTES + 1) + "}"), 413, "payload_too_large"),
                Arguments.of("unknown field", Events.post("/uploads", "{\"fileName\":\"a.csv\",\"contentLength\":1,\"key\":\"x\"}"), 400, "bad_request"),
                // webhook bodies
                Arguments.of("webhook missing debtId", webhook("{\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":1,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook date without offset", webhook("{\"debtId\":\"d\",\"paidAt\":\"2026-03-12T16:03:58\",\"paidAmount\":1,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook date nonsense", webhook("{\"debtId\":\"d\",\"paidAt\":\"yesterday\",\"paidAmount\":1,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook amount zero", webhook("{\"debtId\":\"d\",\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":0,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook amount 3 decimals", webhook("{\"debtId\":\"d\",\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":1.005,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook amount boolean", webhook("{\"debtId\":\"d\",\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":true,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook amount text", webhook("{\"debtId\":\"d\",\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":\"ten\",\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook blank payer", webhook("{\"debtId\":\"d\",\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":1,\"paidBy\":\" \"}"), 400, "bad_request"),
                Arguments.of("webhook debtId object", webhook("{\"debtId\":{},\"paidAt\":\"2026-03-12T16:03:58Z\",\"paidAmount\":1,\"paidBy\":\"x\"}"), 400, "bad_request"),
                Arguments.of("webhook form body", Events.signed(Events.post("/webhooks/payments", "debtId=d", "application/x-www-form-urlencoded"),
                        Events.SAMPLE_WEBHOOK_SECRET, Events.SAMPLE_TIME), 415, "unsupported_media_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldRefuseBadRequests_withAJsonError(String name, APIGatewayV2HTTPEvent event, int status, String error) {
        Responses r = call(event);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.text("message")).isNotBlank();
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        assertThat(OpenApiContract.get().violationsOf("Error", r.body())).isEmpty();
        assertThat(uploads.created).isEmpty();
    }

    static APIGatewayV2HTTPEvent unsigned() {
        APIGatewayV2HTTPEvent e = Events.load("http-payment-webhook.json");
        e.getHeaders().remove("cobranca-signature");
        return e;
    }

    static APIGatewayV2HTTPEvent tampered() {
        APIGatewayV2HTTPEvent e = Events.load("http-payment-webhook.json");
        e.setBody(e.getBody().replace("1000000.00", "1.00"));
        return e;
    }

    static Charge charge(long seq, String debtId, ChargeStatus status) {
        return new Charge(seq, debtId, UUID.fromString(Events.SAMPLE_UPLOAD_ID), "John Doe", "11111111111", "johndoe@kanastra.com.br",
                new BigDecimal("1000000.00"), LocalDate.of(2022, 10, 12), status, null, null, null, 0, null,
                Instant.parse("2026-03-12T19:00:00Z"), null, null, null, null, null, false);
    }
}
