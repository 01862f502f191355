package dev.cobranca.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/** {@link MessageVisibility} on one queue, ten changes per {@code ChangeMessageVisibilityBatch} call. */
public final class SqsMessageVisibility implements MessageVisibility {

    private static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageVisibility(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void change(List<Change> changes) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += MAX_BATCH) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (Change c : changes.subList(from, Math.min(changes.size(), from + MAX_BATCH))) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(c.messageId()).receiptHandle(c.receiptHandle()).visibilityTimeout(c.visibilitySeconds()).build());
            }
            ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            response.failed().forEach(f -> failed.add(f.id() + ": " + f.code()));
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("ChangeMessageVisibility failed for " + failed);
        }
    }
}
