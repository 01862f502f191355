package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cobranca.api.webhook.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local HTTP API as a stranger and as the client see it: no route answers without the printed token (as API
 * Gateway's JWT authorizer on AWS), and the payment webhook only with a signature made with the printed secret.
 */
class ApiSecurityIT {

    @TempDir
    static Path dataDir;
    static RunningStack stack;

    @BeforeAll
    static void start() {
        stack = RunningStack.start(dataDir, true, null);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Every route of the template but the webhook, with a body where it takes one. */
    static List<HttpRequest.Builder> guardedRoutes() {
        return List.of(
                HttpRequest.newBuilder(stack.api("/uploads")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\":\"a.csv\",\"contentLength\":10}")),
                HttpRequest.newBuilder(stack.api("/uploads/" + UUID.randomUUID())).GET(),
                HttpRequest.newBuilder(stack.api("/charges")).GET(),
                HttpRequest.newBuilder(stack.api("/charges/some-debt")).GET());
    }

    @Test
    void everyRouteButTheWebhook_shouldAnswer401_withoutTheToken_orWithAnother() {
        long uploads = stack.uploadsCount();
        for (String authorization : new String[] {null, "Bearer wrong-token-0123456789abcdef", "Basic " + stack.stack.apiToken(),
                "Bearer " + stack.stack.apiToken() + "x", "Bearer"}) {
            for (HttpRequest.Builder route : guardedRoutes()) {
                if (authorization != null) {
                    route.header("Authorization", authorization);
                }
                HttpRequest request = route.build();
                HttpResponse<String> r = stack.send(request);
                assertThat(r.statusCode()).as("%s %s with %s", request.method(), request.uri(), authorization).isEqualTo(401);
                JsonNode body = RunningStack.parse(r.body());
                assertThat(body.path("error").asText()).isEqualTo("unauthorized");
                assertThat(body.path("message").asText()).isNotBlank();
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            }
        }
        assertThat(stack.uploadsCount()).as("no refused request reached the function").isEqualTo(uploads);
    }

    @Test
    void everyRoute_shouldAnswerAsBefore_withTheToken() {
        int[] expected = {201, 404, 200, 404};
        List<HttpRequest.Builder> routes = guardedRoutes();
        for (int i = 0; i < routes.size(); i++) {
            HttpRequest request = routes.get(i).header("Authorization", "Bearer " + stack.stack.apiToken()).build();
            assertThat(stack.send(request).statusCode()).as("%s %s", request.method(), request.uri()).isEqualTo(expected[i]);
        }
    }

    @Test
    void theWebhook_shouldMarkPaidOnce_onlyWhenSignedWithThePrintedSecret() throws Exception {
        UUID upload = UUID.randomUUID();
        String debtId = "webhook-" + upload;
        stack.execute("insert into uploads (id, bucket, object_key, status) values ('" + upload + "', 'b', 'uploads/" + upload
                + ".csv', 'IMPORTED')");
        stack.execute("insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status) values ('"
                + debtId + "', '" + upload + "', 'Maria', '11111111111', 'maria@example.com', 10.00, '2026-04-01', 'EMAILED')");
        byte[] body = ("{\"debtId\":\"" + debtId + "\",\"paidAt\":\"2026-03-12T16:03:58-03:00\",\"paidAmount\":10.00,\"paidBy\":\"Maria\"}")
                .getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> unsigned = webhook(body, null);
        HttpResponse<String> withToken = stack.send(HttpRequest.newBuilder(stack.api("/webhooks/payments"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.stack.apiToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        HttpResponse<String> forged = webhook(body, WebhookSignature.sign("not-the-printed-secret-0123", now, body));
        HttpResponse<String> stale = webhook(body, WebhookSignature.sign(stack.stack.webhookSecret(), now - 600, body));
        assertThat(List.of(unsigned.statusCode(), withToken.statusCode(), forged.statusCode(), stale.statusCode()))
                .containsOnly(401);
        assertThat(stack.string("select status from charges where debt_id = '" + debtId + "'")).isEqualTo("EMAILED");

        String signature = WebhookSignature.sign(stack.stack.webhookSecret(), now, body);
        HttpResponse<String> paid = webhook(body, signature);
        HttpResponse<String> replayed = webhook(body, signature);

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(RunningStack.parse(paid.body()).path("replayed").asBoolean()).isFalse();
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(RunningStack.parse(replayed.body()).path("replayed").asBoolean()).isTrue();
        assertThat(stack.string("select status || ' ' || paid_by from charges where debt_id = '" + debtId + "'")).isEqualTo("PAID Maria");
        assertThat(stack.string("select string_agg(outcome, ' ' order by id) from webhook_inbox where debt_id = '" + debtId + "'"))
                .isEqualTo("accepted duplicate");
    }

    @Test
    void describe_shouldPrintTheTokenAndTheSecret_onLinesOfTheirOwn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stack.stack.describe(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .contains("  API token      " + stack.stack.apiToken(), "  webhook secret " + stack.stack.webhookSecret());
        assertThat(stack.stack.apiToken()).hasSizeGreaterThan(40).isNotEqualTo(stack.stack.webhookSecret());
    }

    private static HttpResponse<String> webhook(byte[] body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.api("/webhooks/payments").toString()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("Cobranca-Signature", signature);
        }
        return stack.send(b.build());
    }
}
