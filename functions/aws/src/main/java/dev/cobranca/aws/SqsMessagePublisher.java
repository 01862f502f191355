package dev.cobranca.aws;

import dev.cobranca.core.port.MessagePublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link MessagePublisher} on one SQS queue: SendMessageBatch in tens, resending the entries SQS reports failed. */
public final class SqsMessagePublisher implements MessagePublisher {

    private static final int SQS_BATCH_LIMIT = 10;
    /** SendMessageBatch refuses a request whose bodies add up to more than this (BatchRequestTooLong). */
    static final int SQS_BATCH_BYTES = 256 * 1024;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessagePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(List<String> messageBodies) {
        for (List<String> batch : batches(messageBodies)) {
            sendBatch(batch);
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

    private void sendBatch(List<String> bodies) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
        }
        List<BatchResultErrorEntry> errors = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> batch = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            errors = response.failed();
            Map<String, BatchResultErrorEntry> failedById = errors.stream()
                    .collect(Collectors.toMap(BatchResultErrorEntry::id, e -> e));
            pending = batch.stream().filter(e -> failedById.containsKey(e.id())).toList();
            if (!errors.isEmpty() && errors.stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                break; // a sender fault (e.g. a body too large) will not succeed on retry
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("SQS refused " + pending.size() + " message(s) for " + queueUrl + ": "
                    + errors.stream().map(e -> e.code() + " " + e.message()).distinct().collect(Collectors.joining("; ")));
        }
    }
}
