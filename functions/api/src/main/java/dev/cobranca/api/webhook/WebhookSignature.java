package dev.cobranca.api.webhook;

import dev.cobranca.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Cobranca-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}. Several {@code v1}
 * may be sent (one per key while the provider rotates); one matching any of our keys is enough. The timestamp is
 * signed with the body, so a captured call cannot be replayed once it is older than the tolerance.
 */
public final class WebhookSignature {

    public static final String HEADER = "Cobranca-Signature";
    private static final int MAX_HEADER = 2048;

    private final WebhookSettings settings;

    public WebhookSignature(WebhookSettings settings) {
        this.settings = settings;
    }

    /**
     * @return the signed timestamp
     * @throws ApiException 401 when the header is missing, malformed, matches no key, or is outside the tolerance
     */
    public Instant verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized(HEADER + " header is required: t=<unix seconds>,v1=<hex HMAC-SHA256>.");
        }
        if (header.length() > MAX_HEADER) {
            throw ApiException.unauthorized(HEADER + " header is too long.");
        }
        String t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (t != null) {
                    throw ApiException.unauthorized(HEADER + " has more than one t.");
                }
                t = value;
            } else if (key.equals("v1") && value.matches("[0-9a-fA-F]{64}")) {
                signatures.add(HexFormat.of().parseHex(value));
            } // other schemes (v0, future versions) are ignored, as unknown keys are
        }
        if (t == null || !t.matches("\\d{1,12}") || signatures.isEmpty()) {
            throw ApiException.unauthorized(HEADER + " must carry t=<unix seconds> and at least one v1=<64 hex digits>.");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(t));
        if (Duration.between(signedAt, now).abs().compareTo(settings.tolerance()) > 0) {
            throw ApiException.unauthorized(HEADER + " timestamp is more than " + settings.tolerance().toSeconds()
                    + " s from now: refused as a replay (or fix the sender's clock).");
        }
        for (String secret : settings.secrets()) {
            byte[] expected = hmac(secret, t, body);
            for (byte[] given : signatures) {
                if (MessageDigest.isEqual(expected, given)) { // constant time
                    return signedAt;
                }
            }
        }
        throw ApiException.unauthorized(HEADER + " does not match the body: the signature is wrong or made with another secret.");
    }

    /** The header a provider sends for this body at this second (tests, the local runner's examples). */
    public static String sign(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, Long.toString(unixSeconds), body));
    }

    static byte[] hmac(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(t.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
