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
