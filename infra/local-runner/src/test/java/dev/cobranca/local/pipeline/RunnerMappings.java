package dev.cobranca.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cobranca.emulators.SqsEventSource;
import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.testfixtures.Queues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS-triggered functions run exactly as the local runner runs them: each a {@link LambdaFunction} (its handler built
 * from its environment, events in and out through Lambda's serialization) driven by the runner's
 * {@link SqsEventSource} (receive, invoke, delete what did not fail; the queue's redrive does the rest).
 */
final class RunnerMappings implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One function and the queue that triggers it, with template.yaml's Timeout and BatchSize. */
    record Mapping(String name, Class<?> handler, Map<String, String> env, int timeoutSeconds, String queueUrl,
                   String queueArn, int batchSize) {
    }

    private final SqsClient sqs;
    private final String region;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<String> queueUrls = new ArrayList<>();
    private final AtomicInteger redelivered = new AtomicInteger();

    RunnerMappings(SqsClient sqs, String region) {
        this.sqs = sqs;
        this.region = region;
    }

    /**
     * Starts the mapping with {@code concurrency} pollers and execution environments. With {@code deliverTwice}
     * every message is delivered a second time, as SQS may: after its first successful handling it is made visible
     * again at once and reported failed, so the event source leaves it on the queue.
     */
    RunnerMappings start(Mapping m, int concurrency, boolean deliverTwice) {
        LambdaFunction function = new LambdaFunction(m.name(), m.handler().getName(), m.env(), region, 1024,
                m.timeoutSeconds(), concurrency);
        running.add(function);
        UnaryOperator<String> invoke = deliverTwice ? deliveredTwice(function, m.queueUrl()) : function::invoke;
        SqsEventSource source = new SqsEventSource(sqs, m.queueUrl(), m.queueArn(), region, m.name(), invoke,
                m.batchSize(), true, concurrency);
        running.add(source);
        queueUrls.add(m.queueUrl());
        source.start();
        return this;
    }

    /** Waits until every started mapping's queue is empty, nothing in flight. */
    void awaitDrained(Duration timeout) throws InterruptedException {
        Queues.awaitEmpty(sqs, timeout, queueUrls.toArray(String[]::new));
    }

    /** How many messages {@code deliverTwice} sent round again. */
    int redelivered() {
        return redelivered.get();
    }

    private UnaryOperator<String> deliveredTwice(LambdaFunction function, String queueUrl) {
        return event -> {
            String response = function.invoke(event);
            Set<String> failed = new HashSet<>();
            read(response).path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
            for (JsonNode r : read(event).path("Records")) {
                String id = r.path("messageId").asText();
                if (!failed.contains(id) && "1".equals(r.path("attributes").path("ApproximateReceiveCount").asText())) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(r.path("receiptHandle").asText())
                            .visibilityTimeout(0));
                    failed.add(id);
                    redelivered.incrementAndGet();
                }
            }
            ObjectNode answer = JSON.createObjectNode();
            failed.forEach(id -> answer.withArray("batchItemFailures").addObject().put("itemIdentifier", id));
            return answer.toString();
        };
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // the event sources first: no poll may invoke a function that is closing
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
        running.clear();
        queueUrls.clear();
    }
}
