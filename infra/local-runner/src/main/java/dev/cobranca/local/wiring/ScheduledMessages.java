package dev.cobranca.local.wiring;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * EventBridge rules ({@code AWS::Events::Rule}) whose schedule targets an SQS queue with a constant {@code Input}:
 * at each firing the input is sent to the queue, as EventBridge would. Like {@link ScheduledEvents}, every rule
 * also fires once at start.
 */
public final class ScheduledMessages implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMessages.class);

    /** A rule sending {@code input} to {@code queueUrl}. */
    public record Rule(String name, ScheduleExpression expression, String queueUrl, String input) {
    }

    private final SqsClient sqs;
    private final List<Rule> rules = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rule-timer").daemon().factory());

    public ScheduledMessages(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void add(Rule rule) {
        rules.add(rule);
    }

    public void start() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        for (Rule r : rules) {
            LOG.info("schedule rule {} ({}) -> {}", r.name(), r.expression(), r.queueUrl());
            timer.execute(() -> send(r));
            arm(r, now);
        }
    }

    private void arm(Rule r, ZonedDateTime after) {
        ZonedDateTime next = r.expression().next(after);
        if (next == null || timer.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(ZonedDateTime.now(ZoneOffset.UTC), next).toMillis());
        try {
            timer.schedule(() -> {
                send(r);
                arm(r, next);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("schedule rule {} stopped", r.name());
        }
    }

    private void send(Rule r) {
        try {
            sqs.sendMessage(b -> b.queueUrl(r.queueUrl()).messageBody(r.input()));
        } catch (RuntimeException e) {
            // EventBridge retries failed deliveries; here the next firing comes soon enough
            LOG.warn("schedule rule {} could not send to {}: {}", r.name(), r.queueUrl(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
