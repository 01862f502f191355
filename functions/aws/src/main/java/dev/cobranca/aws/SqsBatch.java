package dev.cobranca.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial batch responses for SQS-triggered functions (event source mappings with
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}): each record is handled on its own, and a record
 * that throws is reported in {@code batchItemFailures} instead of failing (and so repeating) the whole batch.
 * SQS then makes only that record visible again, and after the queue's {@code maxReceiveCount} moves it to the
 * dead-letter queue.
 */
public final class SqsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {
    }

    /** Handles one message body; throws to have the message retried (and eventually dead-lettered). */
    @FunctionalInterface
    public interface MessageHandler {
        void handle(String body) throws Exception;
    }

    /** @return the ids of the records that failed, for SQS to deliver again */
    public static SQSBatchResponse process(SQSEvent event, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            try {
                handler.handle(record.getBody());
            } catch (Exception e) {
                // Errors (OutOfMemoryError...) are not caught: the environment is unhealthy, let Lambda retry the batch.
                LOG.warn("message {} failed (receive count {}), SQS will deliver it again: {}",
                        record.getMessageId(), receiveCount(record), e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static String receiveCount(SQSEvent.SQSMessage record) {
        return record.getAttributes() == null ? "?" : record.getAttributes().getOrDefault("ApproximateReceiveCount", "?");
    }
}
