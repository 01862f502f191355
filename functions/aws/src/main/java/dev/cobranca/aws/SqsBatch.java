package dev.cobranca.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial batch responses for SQS-triggered functions (event source mappings with
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}): each record is handled on its own, and a record
 * that throws is reported in {@code batchItemFailures} instead of failing (and so repeating) the whole batch.
 * SQS then makes only that record visible again, and after the queue's {@code maxReceiveCount} moves it to the
 * dead-letter queue.
 * <p>
 * A handler may also throw {@link StopBatch}: that record and every record after it are reported failed without
 * being tried, each made visible again after the delay the stop asks for (a throttled mail server, a budget of time
 * spent), through {@link MessageVisibility}.
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
        return process(event, handler, MessageVisibility.NONE);
    }

    /**
     * As {@link #process(SQSEvent, MessageHandler)}; after a {@link StopBatch}, the records handed back get the
     * visibility it asks for.
     */
    public static SQSBatchResponse process(SQSEvent event, MessageHandler handler, MessageVisibility visibility) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage record = records.get(i);
            try {
                handler.handle(record.getBody());
            } catch (StopBatch stop) {
                List<SQSEvent.SQSMessage> rest = records.subList(i, records.size());
                LOG.warn("batch stopped at message {} ({} of {} handed back): {}", record.getMessageId(), rest.size(),
                        records.size(), stop.getMessage());
                List<MessageVisibility.Change> changes = new ArrayList<>();
                for (SQSEvent.SQSMessage r : rest) {
                    failures.add(failure(r));
                    if (r.getReceiptHandle() != null) {
                        changes.add(new MessageVisibility.Change(r.getMessageId(), r.getReceiptHandle(),
                                stop.visibilitySeconds(receiveCountNumber(r))));
                    }
                }
                changeQuietly(visibility, changes);
                break;
            } catch (Exception e) {
                // Errors (OutOfMemoryError...) are not caught: the environment is unhealthy, let Lambda retry the batch.
                LOG.warn("message {} failed (receive count {}), SQS will deliver it again: {}",
                        record.getMessageId(), receiveCount(record), e.toString());
                failures.add(failure(record));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage record) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(record.getMessageId()).build();
    }

    private static void changeQuietly(MessageVisibility visibility, List<MessageVisibility.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            visibility.change(changes);
        } catch (RuntimeException e) {
            // The records are reported failed either way; they then come back after the queue's visibility timeout.
            LOG.warn("changing the visibility of {} messages failed: {}", changes.size(), e.toString());
        }
    }

    /** {@code ApproximateReceiveCount}: 1 on the first delivery. */
    static int receiveCountNumber(SQSEvent.SQSMessage record) {
        try {
            return Math.max(1, Integer.parseInt(receiveCount(record)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Thrown by a handler when nothing more of this batch should be tried now; the records from this one on are
     * reported failed and come back after {@code delay.applyAsInt(receiveCount)} seconds (0 to 43,200).
     */
    public static final class StopBatch extends RuntimeException {
        private final transient IntUnaryOperator delay;

        public StopBatch(String message, Throwable cause, IntUnaryOperator delay) {
            super(message, cause);
            this.delay = delay;
        }

        int visibilitySeconds(int receiveCount) {
            return Math.clamp(delay.applyAsInt(receiveCount), 0, 43_200);
        }
    }

    private static String receiveCount(SQSEvent.SQSMessage record) {
        return record.getAttributes() == null ? "?" : record.getAttributes().getOrDefault("ApproximateReceiveCount", "?");
    }
}
