package dev.cobranca.csvimport;

import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Outbox batches as InvoiceRequested messages on the invoice queue (the publisher sends them in SQS batches, several
 * calls at a time).
 */
final class InvoicePublisher {

    private final MessagePublisher queue;

    InvoicePublisher(MessagePublisher queue) {
        this.queue = queue;
    }

    /** @return the outbox ids of the batches SQS accepted (all of them, or it throws) */
    List<Long> publish(UUID uploadId, List<InvoiceOutbox.Batch> batches) {
        List<String> bodies = new ArrayList<>(batches.size());
        List<Long> ids = new ArrayList<>(batches.size());
        for (InvoiceOutbox.Batch batch : batches) {
            bodies.add(MessageCodec.encode(new InvoiceRequested(uploadId, batch.debtIds())));
            ids.add(batch.id());
        }
        if (!bodies.isEmpty()) {
            queue.publish(bodies);
        }
        return ids;
    }
}
