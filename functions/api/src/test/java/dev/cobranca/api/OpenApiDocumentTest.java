package dev.cobranca.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.postgres.DatabaseConfig;
import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml documents exactly the routes the handler serves, and its schemas do reject wrong bodies. */
class OpenApiDocumentTest {

    @Test
    void shouldDocumentExactlyTheServedRoutes() {
        ApiConfig config = new ApiConfig("b", false, Duration.ofMinutes(1), 1, Duration.ofMinutes(1), Duration.ofMinutes(1),
                new DatabaseConfig("jdbc:postgresql://localhost/unused", null, null, 1));
        ApiRoutes routes = new ApiRoutes(new ApiService(config, new InMemoryUploadStore(), new InMemoryChargeQuery(), new InMemoryPaymentStore(), new FixedUrlSigner()));

        assertThat(OpenApiContract.get().routeKeys()).isEqualTo(new TreeSet<>(routes.router().routeKeys()));
    }

    /** No anonymous operation: each names the scope the code checks, and the webhook its signature. */
    @Test
    void shouldDeclareTheSecurityOfEveryOperation_asTheCodeEnforcesIt() {
        var doc = OpenApiContract.get().document();
        java.util.Map<String, String> declared = new java.util.TreeMap<>();
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String key = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                var security = op.getValue().path("security");
                assertThat(security.isArray() && !security.isEmpty()).as(key + " declares its security").isTrue();
                var requirement = security.get(0);
                String scheme = requirement.propertyNames().iterator().next();
                declared.put(key, scheme.equals("oauth2") ? requirement.get("oauth2").get(0).asString() : scheme);
            }
        }
        java.util.Map<String, String> expected = new java.util.TreeMap<>(ApiRoutes.SCOPES);
        expected.put(ApiRoutes.SIGNED_ROUTE, "webhookSignature");
        assertThat(declared).isEqualTo(expected);
        assertThat(doc.path("components").path("securitySchemes").path("webhookSignature").path("name").asString())
                .isEqualTo(dev.cobranca.api.webhook.WebhookSignature.HEADER);
    }

    @Test
    void shouldRejectBodiesThatBreakTheSchemas() {
        OpenApiContract api = OpenApiContract.get();

        assertThat(api.violationsOf("Error", "{\"error\":\"bad_request\"}")).isNotEmpty();
        assertThat(api.violationsOf("Error", "{\"error\":\"bad_request\",\"message\":\"m\",\"trace\":\"at x\"}")).isNotEmpty();
        assertThat(api.violations("POST", "/uploads", 201,
                "{\"uploadId\":\"not-a-uuid\",\"uploadUrl\":\"http://x/y\",\"method\":\"PUT\",\"headers\":{\"Content-Type\":\"text/csv\",\"Content-Length\":\"1\"},\"expiresAt\":\"2026-01-01T00:00:00Z\"}"))
                .isNotEmpty();
        assertThat(api.violations("GET", "/charges", 200, "{\"items\":[{\"debtId\":\"x\"}],\"nextCursor\":null}")).isNotEmpty();
        assertThat(api.violations("GET", "/charges", 200, "{\"items\":[],\"nextCursor\":null}")).isEmpty();
        assertThat(api.violations("GET", "/charges", 418, "{}")).isNotEmpty();
    }
}
