package dev.cobranca.email;

/**
 * Nothing more of this batch should be sent now: the claims not used are given back and the messages from the
 * current one on go back to SQS, to come back after {@link #redeliverySeconds(int)}.
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

    /** First back-off after a throttling answer; doubles per delivery up to {@link #MAX_BACKOFF_SECONDS}. */
    static final int FIRST_BACKOFF_SECONDS = 30;
    /** SQS's longest ChangeMessageVisibility is 12 h; 15 min keeps a recovered server busy soon enough. */
    static final int MAX_BACKOFF_SECONDS = 900;

    private final Reason reason;

    public SendingStopped(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * How long the handed-back messages stay invisible. Throttled: 30 s, 60 s, 120 s ... capped at 15 min by the
     * message's receive count, so that together with the queue's maxReceiveCount a message survives well over an hour
     * of throttling before it could be dead-lettered. Blocked: 15 min each time (nothing goes until someone fixes
     * the account). Out of time: at once.
     */
    public int redeliverySeconds(int receiveCount) {
        return switch (reason) {
            case THROTTLED -> backoff(receiveCount);
            case BLOCKED -> MAX_BACKOFF_SECONDS;
            case OUT_OF_TIME -> 0;
        };
    }

    static int backoff(int receiveCount) {
        int doublings = Math.clamp(receiveCount - 1, 0, 10);
        return Math.min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS << doublings);
    }
}
