package dev.cobranca.api.model;

import java.time.Instant;

/**
 * A condition that holds back every e-mail, not one charge's: the SMTP account or sender refused
 * ({@code SENDING_BLOCKED}, e.g. SES "Email address is not verified") or the server throttling us ({@code THROTTLED}).
 * The e-mail function raises it and clears it when an e-mail is accepted again.
 */
public record MailAlert(String kind, String message, Instant since, Instant lastSeen, long count) {
}
