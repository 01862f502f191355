package dev.cobranca.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An SQS event-source mapping, as Lambda runs it: pollers receive up to {@code batchSize} messages, invoke the
 * function with them, and delete what succeeded. With {@code ReportBatchItemFailures} only the messages the
 * function did not list in {@code batchItemFailures} are deleted; a function error (or an invalid response)
 * deletes nothing. What is not deleted comes back after the visibility timeout, and the queue's redrive policy
 * moves it to the dead-letter queue after {@code maxReceiveCount} receives.
 * <p>
 * The local runner drives every SQS-triggered function with it, and the integration tests drive their handlers with
 * it too ({@link #pollOnce()} for one round at a time), so what they test is what the runner does.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final String functionName;
    private final UnaryOperator<String> function;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /**
     * @param function the function's invocation: the SQS event's JSON in, its JSON response out; it throws for a
     *                 function error (then nothing of the batch is deleted)
     */
    public SqsEventSource(SqsClient sqs, String queueUrl, String queueArn, String region, String functionName,
                          UnaryOperator<String> function, int batchSize, boolean reportBatchItemFailures, int concurrency) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.functionName = functionName;
        this.function = function;
        this.batchSize = Math.max(1, Math.min(batchSize, 10));
        this.reportBatchItemFailures = reportBatchItemFailures;
        for (int i = 0; i < Math.max(1, concurrency); i++) {
            pollers.add(Thread.ofPlatform().name("sqs-" + functionName + "-" + i).daemon().unstarted(this::poll));
        }
    }

    public void start() {
        pollers.forEach(Thread::start);
    }

    private void poll() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("{}: polling {} failed: {}", functionName, queueUrl, e.toString());
                    sleep(1000);
                }
            }
        }
    }

    /**
     * One round of a poller, on the caller's thread: receive a batch (waiting up to a second), invoke the function
     * with it, delete what succeeded. For a test that steps the mapping itself instead of {@link #start()}ing it.
     *
     * @return how many messages were received
     */
    public int pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (!messages.isEmpty()) {
            process(messages);
        }
        return messages.size();
    }

    /** Invokes the function with one batch and deletes what succeeded; returns how many were deleted. */
    int process(List<Message> messages) {
        String response;
        try {
            response = function.apply(SqsEvents.of(messages, queueArn, region));
        } catch (RuntimeException e) {
            LOG.warn("{}: batch of {} failed, all will be retried after the visibility timeout: {}",
                    functionName, messages.size(), e.getMessage());
            return 0;
        }
        Set<String> failed = reportBatchItemFailures ? failedIds(response, messages) : Set.of();
        if (failed == null) {
            LOG.warn("{}: invalid batchItemFailures response, the whole batch will be retried: {}", functionName, response);
            return 0;
        }
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!failed.isEmpty()) {
            LOG.info("{}: {} of {} messages reported failed; they will be retried", functionName, failed.size(), messages.size());
        }
        if (!deletes.isEmpty()) {
            var result = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes));
            if (!result.failed().isEmpty()) {
                LOG.warn("{}: could not delete {} messages: {}", functionName, result.failed().size(), result.failed());
            }
        }
        return deletes.size();
    }

    /** The ids listed in {@code batchItemFailures}; null when the response is not valid for this batch. */
    static Set<String> failedIds(String response, List<Message> messages) {
        if (response == null || response.isBlank() || response.equals("null")) {
            return Set.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(response);
        } catch (Exception e) {
            return null;
        }
        JsonNode failures = root.path("batchItemFailures");
        if (failures.isMissingNode() || failures.isNull()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        Set<String> known = new HashSet<>();
        messages.forEach(m -> known.add(m.messageId()));
        for (JsonNode f : failures) {
            String id = f.path("itemIdentifier").asText(null);
            if (id == null || id.isBlank() || !known.contains(id)) {
                return null;
            }
            ids.add(id);
        }
        return ids;
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : pollers) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
