package dev.cobranca.email;

/**
 * How long messages handed back after {@link SendingStopped} stay invisible.
 * <p>
 * Throttled: {@code first}, doubling with the message's receive count, capped at {@code max} (30 s, 60 s ... 15 min
 * by default), so that with the queue's maxReceiveCount (10 in template.yaml) a message outlasts well over an hour
 * of throttling before it could be dead-lettered, and the back-off does not burn its receives in minutes. Blocked:
 * {@code max} each time (nothing goes until a person fixes the account). Out of time: at once (0).
 *
 * @param firstBackoffSeconds {@code EMAIL_BACKOFF_FIRST_SECONDS}, default 30
 * @param maxBackoffSeconds   {@code EMAIL_BACKOFF_MAX_SECONDS}, default 900 (SQS allows up to 12 h)
 */
public record RedeliveryDelays(int firstBackoffSeconds, int maxBackoffSeconds) {

    public static final RedeliveryDelays DEFAULT = new RedeliveryDelays(30, 900);

    public RedeliveryDelays {
        if (firstBackoffSeconds < 0 || maxBackoffSeconds < firstBackoffSeconds || maxBackoffSeconds > 43_200) {
            throw new IllegalArgumentException("back-off must satisfy 0 <= first <= max <= 43200 seconds, got first="
                    + firstBackoffSeconds + ", max=" + maxBackoffSeconds + ".");
        }
    }

    /** @param receiveCount the message's {@code ApproximateReceiveCount}, 1 on its first delivery */
    public int seconds(SendingStopped.Reason reason, int receiveCount) {
        return switch (reason) {
            case THROTTLED -> {
                long delay = (long) firstBackoffSeconds << Math.clamp(receiveCount - 1, 0, 20);
                yield (int) Math.min(maxBackoffSeconds, delay);
            }
            case BLOCKED -> maxBackoffSeconds;
            case OUT_OF_TIME -> 0;
        };
    }
}
