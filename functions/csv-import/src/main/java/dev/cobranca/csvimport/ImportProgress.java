package dev.cobranca.csvimport;

import dev.cobranca.core.importing.CsvPosition;
import java.util.UUID;

/**
 * Told of each committed step of an import. Production logs; tests use it to stop an import midway, as a timeout
 * or a crash would.
 */
public interface ImportProgress {

    ImportProgress NONE = new ImportProgress() {
    };

    /** A batch of rows and its checkpoint committed. */
    default void batchCommitted(UUID uploadId, CsvPosition after) {
    }

    /** A key range of charges (and its outbox batches) committed, before the outbox is sent. */
    default void chunkLoaded(UUID uploadId, int chunkNo, long inserted) {
    }
}
