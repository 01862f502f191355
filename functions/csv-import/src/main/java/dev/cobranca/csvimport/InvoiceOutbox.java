package dev.cobranca.csvimport;

import java.util.List;
import java.util.UUID;

/**
 * The InvoiceRequested messages an import still owes the invoice queue: written with the charges they name (in the
 * loading transaction, see {@link ChargeLoader#loadKeyRange}), deleted once SQS took them.
 */
public interface InvoiceOutbox {

    /** Outbox batches of the upload still to be sent, oldest first. */
    List<Batch> pending(UUID uploadId, int limit);

    void delete(List<Long> ids);

    /** The debtIds of one InvoiceRequested message. */
    record Batch(long id, List<String> debtIds) {
    }
}
