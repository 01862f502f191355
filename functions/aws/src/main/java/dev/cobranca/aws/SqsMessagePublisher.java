package dev.cobranca.aws;

import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.core.port.MessagePublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link MessagePublisher} on one SQS queue: SendMessageBatch in tens (and under SQS's request size), several calls in
 * flight at once, the entries SQS reports failed sent again; what still failed is reported by index.
 */
public final class SqsMessagePublisher implements MessagePublisher {

    private static final int SQS_BATCH_LIMIT = 10;
    /** SendMessageBatch refuses a request whose bodies add up to more than this (BatchRequestTooLong). */
    static final int SQS_BATCH_BYTES = 256 * 1024;
    private static final int ATTEMPTS = 3;
    /**
     * SendMessageBatch calls in flight at once: SQS answers each in milliseconds, so a few at a time keep a publish
     * of hundreds of messages (an import's key range, an invoice message's e-mails) from waiting on each round trip.
     * Five is what the import's own fan-out reached for a page of 100 messages, measured then; more only competes
     * with the loading sessions for the function's cores.
     */
    static final int PARALLEL_CALLS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final int parallelCalls;

    public SqsMessagePublisher(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, PARALLEL_CALLS);
    }

    SqsMessagePublisher(SqsClient sqs, String queueUrl, int parallelCalls) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.parallelCalls = Math.max(1, parallelCalls);
    }

    @Override
    public void publish(List<String> messageBodies) {
        List<List<String>> batches = batches(messageBodies);
        List<Unsent> unsent = new ArrayList<>();
        if (batches.size() == 1 || parallelCalls == 1) {
            int offset = 0;
            for (List<String> batch : batches) {
                unsent.addAll(sendBatch(batch, offset));
                offset += batch.size();
            }
        } else {
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                Semaphore calls = new Semaphore(parallelCalls);
                List<Future<List<Unsent>>> sent = new ArrayList<>(batches.size());
                int offset = 0;
                for (List<String> batch : batches) {
                    int first = offset;
                    calls.acquireUninterruptibly();
                    sent.add(senders.submit(() -> {
                        try {
                            return sendBatch(batch, first);
                        } finally {
                            calls.release();
                        }
                    }));
                    offset += batch.size();
                }
                for (Future<List<Unsent>> f : sent) {
                    unsent.addAll(Futures.join(f, "sending to " + queueUrl));
                }
            }
        }
        if (!unsent.isEmpty()) {
            throw new NotSentException("SQS refused " + unsent.size() + " message(s) for " + queueUrl + ": "
                    + unsent.stream().map(Unsent::reason).distinct().collect(Collectors.joining("; ")),
                    unsent.stream().map(Unsent::index).sorted().toList(),
                    unsent.stream().map(Unsent::cause).filter(c -> c != null).findFirst().orElse(null));
        }
    }

    /** Consecutive groups of at most 10 bodies and {@value #SQS_BATCH_BYTES} bytes, in order. */
    static List<List<String>> batches(List<String> bodies) {
        List<List<String>> batches = new ArrayList<>();
        int from = 0;
        int bytes = 0;
        for (int i = 0; i < bodies.size(); i++) {
            int size = bodies.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (i > from && (i - from == SQS_BATCH_LIMIT || bytes + size > SQS_BATCH_BYTES)) {
                batches.add(bodies.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (from < bodies.size()) {
            batches.add(bodies.subList(from, bodies.size()));
        }
        return batches;
    }

    /** A body not sent: its index in the list published, and why. */
    private record Unsent(int index, String reason, RuntimeException cause) {
    }

    /** One batch, its failed entries sent again; @param offset the index of its first body in the list published */
    private List<Unsent> sendBatch(List<String> bodies, int offset) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
        }
        Map<String, BatchResultErrorEntry> failedById = Map.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> batch = pending;
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            } catch (RuntimeException e) {
                // the call itself failed (after the SDK's own retries): none of what is pending went
                return batch.stream().map(entry -> new Unsent(offset + Integer.parseInt(entry.id()), e.toString(), e)).toList();
            }
            List<BatchResultErrorEntry> errors = response.failed();
            failedById = errors.stream().collect(Collectors.toMap(BatchResultErrorEntry::id, e -> e));
            Map<String, BatchResultErrorEntry> failed = failedById;
            pending = batch.stream().filter(e -> failed.containsKey(e.id())).toList();
            if (errors.stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                break; // a sender fault (e.g. a body too large) will not succeed on retry
            }
        }
        Map<String, BatchResultErrorEntry> failed = failedById;
        return pending.stream().map(entry -> {
            BatchResultErrorEntry error = failed.get(entry.id());
            return new Unsent(offset + Integer.parseInt(entry.id()), error.code() + " " + error.message(), null);
        }).toList();
    }
}
