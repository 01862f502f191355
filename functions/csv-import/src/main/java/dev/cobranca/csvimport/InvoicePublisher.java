package dev.cobranca.csvimport;

import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Outbox batches as InvoiceRequested messages on the invoice queue, several SendMessageBatch calls at a time. */
final class InvoicePublisher {

    private static final int PUBLISHERS = 8;

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
            publishInParallel(bodies);
        }
        return ids;
    }

    /** SQS answers each SendMessageBatch (10 messages) in milliseconds: several in flight keep the import from waiting. */
    private void publishInParallel(List<String> bodies) {
        int slices = Math.min(PUBLISHERS, (bodies.size() + 9) / 10);
        if (slices <= 1) {
            queue.publish(bodies);
            return;
        }
        int per = ((bodies.size() + slices - 1) / slices + 9) / 10 * 10;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += per) {
                List<String> slice = bodies.subList(from, Math.min(from + per, bodies.size()));
                sent.add(senders.submit(() -> queue.publish(slice)));
            }
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending to SQS", e);
                }
            }
        }
    }
}
