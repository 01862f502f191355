package dev.cobranca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.api.http.ApiException;
import dev.cobranca.api.webhook.WebhookSettings;
import dev.cobranca.api.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature scheme: HMAC-SHA256 (RFC 2104 with SHA-256, FIPS 180-4) of "<t>.<raw body>", hex in v1. */
class WebhookSignatureTest {

    static final String KEY = "whsec-test-key-0123456789";
    static final byte[] BODY = "{\"debtId\":\"d1\",\"paidAt\":\"2026-03-12T16:03:58-03:00\",\"paidAmount\":10,\"paidBy\":\"x\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final Instant T = Instant.ofEpochSecond(1773342238);
    final WebhookSignature signature = new WebhookSignature(new WebhookSettings(List.of(KEY), Duration.ofMinutes(5)));

    @Test
    void shouldMatchAnHmacComputedIndependently() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(("1773342238." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.sign(KEY, 1773342238, BODY)).isEqualTo("t=1773342238,v1=" + expected);
        assertThat(signature.verify("t=1773342238,v1=" + expected.toUpperCase(), BODY, T.plusSeconds(299))).isEqualTo(T);
    }

    @Test
    void shouldAcceptAnyOfSeveralV1_andIgnoreUnknownSchemes() {
        String ours = WebhookSignature.sign(KEY, T.getEpochSecond(), BODY);
        String v1 = ours.substring(ours.indexOf("v1="));
        String header = "t=" + T.getEpochSecond() + ", v0=abc, v1=" + "0".repeat(64) + ", " + v1;

        assertThat(signature.verify(header, BODY, T)).isEqualTo(T);
    }

    @Test
    void shouldRefuse_missingMalformedWrongOrStale() {
        String ours = WebhookSignature.sign(KEY, T.getEpochSecond(), BODY);
        for (String header : new String[] {null, "", "v1=" + "a".repeat(64), "t=1773342238", "t=abc,v1=" + "a".repeat(64),
                "t=1773342238,t=1773342239," + ours.substring(ours.indexOf("v1=")), "t=1773342238,v1=" + "a".repeat(64),
                WebhookSignature.sign("another-key-0123456789", T.getEpochSecond(), BODY)}) {
            assertThatThrownBy(() -> signature.verify(header, BODY, T)).as(String.valueOf(header))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        assertThatThrownBy(() -> signature.verify(ours, "{}".getBytes(StandardCharsets.UTF_8), T)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> signature.verify(ours, BODY, T.plusSeconds(301))).hasMessageContaining("300 s");
        assertThatThrownBy(() -> signature.verify(ours, BODY, T.minusSeconds(301))).hasMessageContaining("300 s");
    }

    @Test
    void shouldRefuseEverything_withoutAKey() {
        WebhookSignature none = new WebhookSignature(WebhookSettings.none());

        assertThatThrownBy(() -> none.verify(WebhookSignature.sign(KEY, T.getEpochSecond(), BODY), BODY, T)).isInstanceOf(ApiException.class);
    }
}
