package dev.cobranca.email;

/**
 * Nothing more of this batch should be sent now: the claims not used are given back and the messages from the
 * current one on go back to SQS, to come back after the delay {@link RedeliveryDelays} gives the reason.
 */
public final class SendingStopped extends RuntimeException {

    /** Why sending stopped. */
    public enum Reason {
        /** The server asked us to slow down: back off, more with each delivery. */
        THROTTLED,
        /** Our sender or account is misconfigured: wait long, a person has been alarmed. */
        BLOCKED,
        /** The function's time is nearly spent: the rest is handed back to be picked up at once. */
        OUT_OF_TIME
    }

    private final Reason reason;

    public SendingStopped(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
