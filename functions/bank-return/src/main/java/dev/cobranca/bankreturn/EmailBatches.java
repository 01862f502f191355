package dev.cobranca.bankreturn;

import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The e-mails of the titles a retorno confirmed (EMAIL_AFTER=BANK_CONFIRMED): debtIds in, grouped by upload as they
 * come, EmailRequested messages of up to {@code debtIdsPerMessage} out, published a hundred at a time, so a retorno of
 * a million confirmations is never held.
 */
final class EmailBatches {

    private static final int BODIES_PER_PUBLISH = 100;

    private final MessagePublisher queue;
    private final int debtIdsPerMessage;
    private final List<String> bodies = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private UUID upload;

    EmailBatches(MessagePublisher queue, int debtIdsPerMessage) {
        this.queue = queue;
        this.debtIdsPerMessage = debtIdsPerMessage;
    }

    void add(UUID uploadId, String debtId) {
        if (!uploadId.equals(upload) || ids.size() == debtIdsPerMessage) {
            message();
            upload = uploadId;
        }
        ids.add(debtId);
    }

    /** Publishes what is left. */
    void flush() {
        message();
        publish();
    }

    private void message() {
        if (!ids.isEmpty()) {
            bodies.add(MessageCodec.encode(new EmailRequested(upload, List.copyOf(ids))));
            ids.clear();
        }
        if (bodies.size() >= BODIES_PER_PUBLISH) {
            publish();
        }
    }

    private void publish() {
        if (!bodies.isEmpty()) {
            queue.publish(List.copyOf(bodies));
            bodies.clear();
        }
    }
}
