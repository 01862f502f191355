package dev.cobranca.csvimport;

import java.util.List;
import java.util.UUID;

/** {@link InvoiceOutbox} in memory; {@link InMemoryChargeLoader} writes its batches. */
final class InMemoryInvoiceOutbox implements InvoiceOutbox {

    private final InMemoryImportTables tables;

    InMemoryInvoiceOutbox(InMemoryImportTables tables) {
        this.tables = tables;
    }

    @Override
    public List<Batch> pending(UUID uploadId, int limit) {
        synchronized (tables) {
            return tables.outbox.values().stream().filter(b -> tables.outboxUpload.get(b.id()).equals(uploadId))
                    .limit(limit).toList();
        }
    }

    @Override
    public void delete(List<Long> ids) {
        synchronized (tables) {
            ids.forEach(tables.outbox::remove);
        }
    }
}
