package dev.cobranca.api.webhook;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How payment webhook calls are authenticated.
 *
 * @param secrets   the HMAC keys a signature may be made with: one, or two while the provider's key is rotated
 * @param tolerance how far a signature's timestamp may be from now (replays older than this are refused)
 */
public record WebhookSettings(List<String> secrets, Duration tolerance) {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** Shorter keys are guessable offline from one captured signature. */
    static final int MIN_SECRET_LENGTH = 16;

    public WebhookSettings {
        secrets = List.copyOf(secrets);
        for (String s : secrets) {
            if (s.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("the webhook secret must have at least " + MIN_SECRET_LENGTH + " characters.");
            }
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("WEBHOOK_TOLERANCE_SECONDS must be positive.");
        }
    }

    /** No key: every webhook call is refused. */
    public static WebhookSettings none() {
        return new WebhookSettings(List.of(), DEFAULT_TOLERANCE);
    }

    /** Keys separated by commas or white space (the secret's value during a rotation: {@code new,old}). */
    public static List<String> parseSecrets(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "WebhookSettings[secrets=" + secrets.size() + " x ***, tolerance=" + tolerance + "]";
    }
}
