package dev.cobranca.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One webhook call whose signature verified, as the inbox keeps it.
 *
 * @param deliveryHash sha256 of {@code "<t>.<raw body>"}: what was signed, so the same call sent again has the same hash
 * @param body         the raw body as text, null when it is larger than the API accepts
 */
public record Delivery(Instant signedAt, String deliveryHash, String bodySha256, String body, String requestId) {

    public static Delivery of(Instant signedAt, byte[] body, int maxKeptBytes, String requestId) {
        byte[] signed = (signedAt.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII);
        MessageDigest all = sha256();
        all.update(signed);
        all.update(body);
        return new Delivery(signedAt, HexFormat.of().formatHex(all.digest()), HexFormat.of().formatHex(sha256().digest(body)),
                body.length <= maxKeptBytes ? new String(body, StandardCharsets.UTF_8).replace('\0', '\uFFFD') : null, requestId);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
