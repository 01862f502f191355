package dev.cobranca.aws;

import java.util.List;

/** Changes when received SQS messages become visible again (SQS {@code ChangeMessageVisibility}). */
public interface MessageVisibility {

    /** For a function without the queue's URL: the messages come back after the queue's visibility timeout. */
    MessageVisibility NONE = changes -> { };

    void change(List<Change> changes);

    record Change(String messageId, String receiptHandle, int visibilitySeconds) {
    }
}
