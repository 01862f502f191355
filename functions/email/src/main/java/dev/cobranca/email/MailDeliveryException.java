package dev.cobranca.email;

/**
 * An e-mail the server did not accept, and what that means for the charge and for the rest of the batch.
 */
public final class MailDeliveryException extends RuntimeException {

    /** What a refusal means; each kind ends somewhere different. */
    public enum Kind {
        /** A 5xx about this recipient or this message (550 unknown user): the charge is FAILED, the batch goes on. */
        REFUSED,
        /** Might work later for this e-mail (451 greylisting, a lost connection): the message goes back to SQS. */
        TRANSIENT,
        /**
         * The server asks us to slow down (SES 454 "Throttling failure" or daily quota, 421): nothing else in the
         * batch is tried; the messages come back after a growing delay.
         */
        THROTTLED,
        /**
         * Our sender or account is misconfigured (SES 554 "Email address is not verified", 535 login refused):
         * no e-mail can go until a person fixes it, so nothing is FAILED; the batch stops and an alarm is raised.
         */
        BLOCKED
    }

    private final Kind kind;

    public MailDeliveryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static MailDeliveryException permanent(String message, Throwable cause) {
        return new MailDeliveryException(Kind.REFUSED, message, cause);
    }

    public static MailDeliveryException transientFailure(String message, Throwable cause) {
        return new MailDeliveryException(Kind.TRANSIENT, message, cause);
    }

    public static MailDeliveryException throttled(String message, Throwable cause) {
        return new MailDeliveryException(Kind.THROTTLED, message, cause);
    }

    public static MailDeliveryException blocked(String message, Throwable cause) {
        return new MailDeliveryException(Kind.BLOCKED, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether sending this e-mail again can never succeed (the charge is FAILED). */
    public boolean permanent() {
        return kind == Kind.REFUSED;
    }
}
