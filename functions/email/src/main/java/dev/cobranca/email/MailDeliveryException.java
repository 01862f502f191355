package dev.cobranca.email;

/**
 * An e-mail the server did not accept.
 * <p>
 * Permanent (an SMTP 5xx about this e-mail, such as 550 for an unknown recipient): sending it again cannot succeed,
 * so the charge is FAILED. Transient (4xx, a lost connection, a timeout, a refused login): it may succeed later,
 * so the message goes back to SQS.
 */
public final class MailDeliveryException extends RuntimeException {

    private final boolean permanent;

    public MailDeliveryException(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public static MailDeliveryException permanent(String message, Throwable cause) {
        return new MailDeliveryException(true, message, cause);
    }

    public static MailDeliveryException transientFailure(String message, Throwable cause) {
        return new MailDeliveryException(false, message, cause);
    }

    public boolean permanent() {
        return permanent;
    }
}
