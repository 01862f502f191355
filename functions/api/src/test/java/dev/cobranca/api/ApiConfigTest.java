package dev.cobranca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    static Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/cobranca", "BUCKET_NAME", "uploads",
                "WEBHOOK_SECRET", "local-webhook-secret-0123456789"));
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    @Test
    void shouldApplyDefaults() {
        ApiConfig c = ApiConfig.fromEnv(env());

        assertThat(c.bucket()).isEqualTo("uploads");
        assertThat(c.forcePathStyle()).isFalse();
        assertThat(c.uploadUrlTtl()).isEqualTo(Duration.ofSeconds(900));
        assertThat(c.uploadMaxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(c.invoiceUrlTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.database().poolSize()).isEqualTo(2);
        assertThat(c.webhook().secrets()).containsExactly("local-webhook-secret-0123456789");
        assertThat(c.webhook().tolerance()).isEqualTo(Duration.ofMinutes(5));
        // a database across the network: TLS with the certificate and host name verified, against the RDS CA bundle
        assertThat(c.database().sslMode()).isEqualTo("verify-full");
        assertThat(c.database().sslRootCert()).isEqualTo("classpath:rds-ca/global-bundle.pem");
        assertThat(c.database().statementTimeoutMs()).isEqualTo(60_000);
        assertThat(c.toString()).doesNotContain("local-webhook-secret");
    }

    @Test
    void shouldReadTheWebhookKeys_severalDuringARotation() {
        ApiConfig c = ApiConfig.fromEnv(env("WEBHOOK_SECRET", "new-key-0123456789abcdef,old-key-0123456789abcdef",
                "WEBHOOK_TOLERANCE_SECONDS", "120"));

        assertThat(c.webhook().secrets()).containsExactly("new-key-0123456789abcdef", "old-key-0123456789abcdef");
        assertThat(c.webhook().tolerance()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void shouldRefuseToStartWithoutAWebhookKey() {
        Map<String, String> none = env();
        none.remove("WEBHOOK_SECRET");
        assertThatThrownBy(() -> ApiConfig.fromEnv(none)).hasMessageContaining("WEBHOOK_SECRET_ARN").hasMessageContaining("WEBHOOK_SECRET");
        assertThatThrownBy(() -> ApiConfig.fromEnv(env("WEBHOOK_SECRET", "short"))).hasMessageContaining("WEBHOOK_SECRET");
        assertThatThrownBy(() -> ApiConfig.fromEnv(env("WEBHOOK_TOLERANCE_SECONDS", "0"))).hasMessageContaining("WEBHOOK_TOLERANCE_SECONDS");
    }

    @Test
    void shouldReadEveryVariable() {
        ApiConfig c = ApiConfig.fromEnv(env("S3_FORCE_PATH_STYLE", "true", "UPLOAD_URL_TTL_SECONDS", "60",
                "UPLOAD_MAX_BYTES", "1000", "INVOICE_URL_TTL_SECONDS", "30", "REPORT_URL_TTL_SECONDS", "45"));

        assertThat(c.forcePathStyle()).isTrue();
        assertThat(c.uploadUrlTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.uploadMaxBytes()).isEqualTo(1000);
        assertThat(c.invoiceUrlTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.reportUrlTtl()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void shouldFailFast_namingTheVariable() {
        Map<String, String> noBucket = env();
        noBucket.remove("BUCKET_NAME");
        assertThatThrownBy(() -> ApiConfig.fromEnv(noBucket)).hasMessageContaining("BUCKET_NAME");
        Map<String, String> noDb = env();
        noDb.remove("DATABASE_URL");
        assertThatThrownBy(() -> ApiConfig.fromEnv(noDb)).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> ApiConfig.fromEnv(env("UPLOAD_MAX_BYTES", "1GB"))).hasMessageContaining("UPLOAD_MAX_BYTES");
        assertThatThrownBy(() -> ApiConfig.fromEnv(env("UPLOAD_MAX_BYTES", "0"))).hasMessageContaining("UPLOAD_MAX_BYTES");
        assertThatThrownBy(() -> ApiConfig.fromEnv(env("UPLOAD_URL_TTL_SECONDS", "604801"))).hasMessageContaining("UPLOAD_URL_TTL_SECONDS");
        assertThatThrownBy(() -> ApiConfig.fromEnv(env("S3_FORCE_PATH_STYLE", "yes"))).hasMessageContaining("S3_FORCE_PATH_STYLE");
        assertThat(ApiConfig.REQUIRED).containsExactlyInAnyOrder("DATABASE_URL", "BUCKET_NAME");
    }
}
