package dev.cobranca.local.wiring;

import dev.cobranca.local.runtime.FunctionErrorException;
import dev.cobranca.local.runtime.LambdaFunction;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge schedules: each function's {@code Schedule} event invokes it asynchronously with a
 * {@code Scheduled Event} (or the event's constant {@code Input}) at every firing of its expression; a function
 * error is retried twice, as Lambda retries asynchronous invocations. Every schedule also fires once when the
 * runner starts: a laptop's stack is often down when a firing falls due, and what a schedule does (repair,
 * remittances) must not wait a period for it.
 */
public final class ScheduledEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledEvents.class);
    private static final long[] RETRY_DELAYS_MS = {2_000, 4_000};

    /**
     * A function on a schedule.
     *
     * @param ruleName what EventBridge would name the rule (the event's {@code resources} ARN ends with it)
     * @param input    the event's constant {@code Input} (JSON), or null for the Scheduled Event
     */
    public record Subscription(String ruleName, ScheduleExpression expression, String input, LambdaFunction function) {
    }

    private final String region;
    private final String account;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("schedule-timer").daemon().factory());
    private final ExecutorService async = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("schedule-", 0).daemon().factory());

    public ScheduledEvents(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public void subscribe(Subscription subscription) {
        subscriptions.add(subscription);
    }

    /** Fires every schedule once now, then at each firing of its expression. */
    public void start() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        for (Subscription s : subscriptions) {
            LOG.info("schedule {} ({}) -> {}", s.ruleName(), s.expression(), s.function().name());
            fire(s, now);
            arm(s, now);
        }
    }

    private void arm(Subscription s, ZonedDateTime after) {
        ZonedDateTime next = s.expression().next(after);
        if (next == null || timer.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(ZonedDateTime.now(ZoneOffset.UTC), next).toMillis());
        try {
            timer.schedule(() -> {
                fire(s, next);
                arm(s, next);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("schedule {} stopped", s.ruleName());
        }
    }

    private void fire(Subscription s, ZonedDateTime time) {
        String event = s.input() != null ? s.input()
                : Events.scheduled(region, account, "arn:aws:events:" + region + ":" + account + ":rule/" + s.ruleName(),
                        time.toInstant());
        try {
            async.submit(() -> invokeWithRetries(s, event));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("schedule {} stopped", s.ruleName());
        }
    }

    private void invokeWithRetries(Subscription s, String event) {
        LambdaFunction function = s.function();
        for (int attempt = 0; ; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (FunctionErrorException e) {
                if (attempt >= RETRY_DELAYS_MS.length) {
                    LOG.error("{} failed on schedule {} after {} attempts; giving up: {}", function.name(), s.ruleName(),
                            attempt + 1, e.getMessage());
                    return;
                }
                LOG.warn("{} failed on schedule {} (attempt {}), retrying: {}", function.name(), s.ruleName(),
                        attempt + 1, e.getMessage());
                try {
                    Thread.sleep(RETRY_DELAYS_MS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("{} could not be invoked on schedule {}: {}", function.name(), s.ruleName(), e.toString());
                return;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        async.shutdownNow();
        try {
            async.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
