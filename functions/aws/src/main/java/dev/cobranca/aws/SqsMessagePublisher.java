package dev.cobranca.aws;

import dev.cobranca.core.port.MessagePublisher;
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
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessagePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(List<String> messageBodies) {
        for (int from = 0; from < messageBodies.size(); from += SQS_BATCH_LIMIT) {
            sendBatch(messageBodies.subList(from, Math.min(from + SQS_BATCH_LIMIT, messageBodies.size())));
        }
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
