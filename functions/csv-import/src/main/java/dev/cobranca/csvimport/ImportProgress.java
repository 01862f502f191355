package dev.cobranca.csvimport;

import java.util.UUID;

/**
 * Told of each committed step of an import. Production logs; tests use it to stop an import midway, as a timeout
 * or a crash would.
 */
public interface ImportProgress {

    ImportProgress NONE = new ImportProgress() {
    };

    /** The file was read and sorted, its rejected rows reported; its counts and key ranges committed. */
    default void fileRead(UUID uploadId, long rows) {
    }

    /** A key range of charges (and its outbox batches) committed, before the outbox is sent. */
    default void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
    }
}
