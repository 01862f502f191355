package dev.cobranca.local.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * What Lambda's SQS event source mapping does, in a test: receive up to 10 messages from a real queue, hand them to
 * the handler as an {@link SQSEvent}, and delete only those the handler did not report in {@code batchItemFailures}.
 * The others become visible again after the queue's visibility timeout, and the queue's RedrivePolicy moves them to
 * the dead-letter queue after maxReceiveCount. Several workers, each with its own handler instance, play concurrent
 * execution environments.
 */
final class LambdaSqsPoller {

    /** A queue and how to build the handler of the function it triggers (one per worker, like one per environment). */
    record Source(String queueUrl, String queueArn,
                  Supplier<? extends RequestHandler<SQSEvent, SQSBatchResponse>> handler) {
    }

    private final SqsClient sqs;
    private final List<Source> sources;
    /** When true, a message is made visible again after its first successful handling instead of being deleted: every message is delivered twice. */
    private final boolean deliverTwice;

    LambdaSqsPoller(SqsClient sqs, List<Source> sources, boolean deliverTwice) {
        this.sqs = sqs;
        this.sources = sources;
        this.deliverTwice = deliverTwice;
    }

    /** Runs {@code workers} pollers until every queue is empty (nothing visible, nothing in flight). */
    void drain(int workers, Duration timeout) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    work(done, deadline);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            }
        }
        if (!empty()) {
            throw new AssertionError("queues not drained within " + timeout);
        }
    }

    private void work(AtomicBoolean done, long deadline) throws InterruptedException {
        List<RequestHandler<SQSEvent, SQSBatchResponse>> handlers = sources.stream()
                .<RequestHandler<SQSEvent, SQSBatchResponse>>map(s -> s.handler().get()).toList();
        while (!done.get() && System.nanoTime() < deadline) {
            boolean received = false;
            for (int i = 0; i < sources.size(); i++) {
                received |= pollOnce(sources.get(i), handlers.get(i));
            }
            if (!received) {
                if (empty()) {
                    done.set(true);
                } else {
                    Thread.sleep(100);
                }
            }
        }
    }

    private boolean pollOnce(Source source, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(source.queueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return false;
        }
        SQSBatchResponse response = handler.handleRequest(event(source, messages), null);
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : messages) {
            if (failed.contains(m.messageId())) {
                continue; // left for SQS: visible again after the visibility timeout
            }
            try {
                if (deliverTwice && "1".equals(m.attributesAsStrings().get("ApproximateReceiveCount"))) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(source.queueUrl()).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(source.queueUrl()).receiptHandle(m.receiptHandle()));
                }
            } catch (ReceiptHandleIsInvalidException e) {
                // The visibility timeout ran out during the batch and another worker received the message: as with
                // Lambda, it is simply handled again (the functions are idempotent).
            }
        }
        return true;
    }

    private boolean empty() {
        for (Source s : sources) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(s.queueUrl()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            for (String v : attributes.values()) {
                if (!"0".equals(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The event Lambda would build from these messages. */
    static SQSEvent event(Source source, List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setAttributes(m.attributesAsStrings());
            r.setMessageAttributes(java.util.Map.of());
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(source.queueArn());
            r.setAwsRegion("us-east-1");
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
