package dev.cobranca.csvimport;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.sort.RowCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an import keeps its upload, charges, plan and outbox. Every write is fenced by the caller's lease: an
 * invocation whose lease was taken over gets {@link LeaseLostException} and commits nothing.
 *
 * <p>An import reads the file (phase READING: nothing is written but the lease), then records what it found in one
 * transaction ({@link #planLoad}: counts, rejected rows, key ranges; phase LOADING), then loads the key ranges, one
 * transaction each ({@link #loadChunk}). A resumed import skips the ranges already loaded.
 */
public interface ImportStore {

    /** Why an interrupted import cannot resume once its object was written again (the bucket keeps one version). */
    String VERSION_GONE = "the version of the file this import started on was replaced by another PUT to its URL"
            + " before the import could read it again; upload the file again under a new URL";

    /**
     * Finds (or, for an object the API did not announce, creates) the object's upload and tries to lease it. An event
     * for another version of an object whose import has started (a second PUT to its URL) is recorded on the upload
     * ({@link Overwritten}) and leases nothing: the import goes on with the version it claimed; if no invocation
     * holds that import any more, it cannot resume (its version is gone) and ends FAILED with {@link #VERSION_GONE}.
     */
    Claim claim(StoredObject object, String owner, Duration lease);

    /** Extends the lease of an import that is still reading. */
    void renewLease(UUID uploadId, String owner, Duration lease);

    /**
     * A valid row as {@link #loadChunk} reads it back from the sorted runs, beside its debtId (the runs' key, which
     * the encoding may leave out). Thread-safe.
     */
    byte[] encode(Debt debt);

    /**
     * One transaction: the file's counts and rejected rows, the key ranges to load (bounds in debtId order, see
     * {@link dev.cobranca.csvimport.sort.Keys}), phase LOADING.
     *
     * @param bounds the upper bound of each range but the last, ascending and distinct
     * @return the ranges, all pending
     */
    List<Chunk> planLoad(UUID uploadId, String owner, Duration lease, ReadCounts counts, List<String> bounds,
            RejectedRows rejected);

    /** The key ranges not loaded yet, in key order. */
    List<Chunk> pendingChunks(UUID uploadId);

    /** How many of these debtIds are charged already. */
    int countCharged(List<String> debtIds);

    /**
     * One transaction: the range's rows that are not charged yet become charges, their outbox batches of at most
     * {@code debtIdsPerMessage} ids are written (tagged with the chunk), the chunk is marked done. Rows the database
     * refuses as data (a value out of its range, a check) become rejected rows with its reason, counted as such; the
     * rest of the range loads.
     *
     * @param rows           opens the rows of the range (or of part of it), sorted by debtId, each debtId once; may be
     *                       opened more than once
     * @param expectCharged  some rows are likely charged already (a re-upload): skip the fast path that assumes not
     * @return how many charges the chunk created, and the outbox batches it wrote (to send without reading them back)
     */
    LoadedChunk loadChunk(UUID uploadId, String owner, Duration lease, Chunk chunk, ChunkRows rows, int debtIdsPerMessage,
            boolean expectCharged);

    /** Outbox batches of the upload still to be sent, oldest first. */
    List<OutboxBatch> pendingOutbox(UUID uploadId, int limit);

    void deleteOutbox(List<Long> ids);

    /** Streams the rejected rows in line order. */
    void forEachRejected(UUID uploadId, RejectedRowSink sink);

    /** IMPORTED with its final counts; marks it COMPLETED if nothing is left to do. */
    ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey);

    /** FAILED with the reason. */
    void fail(UUID uploadId, String owner, String error);

    /** Gives up the lease early (the next delivery need not wait for it to expire). */
    void release(UUID uploadId, String owner);

    sealed interface Claim {
        UUID uploadId();
    }

    /** The caller holds the lease. @param etag the version of the object the import reads (null: any) */
    record Acquired(UUID uploadId, Phase phase, ImportCounts counts, String etag) implements Claim {
    }

    /**
     * The event names a later version of an object whose import started with another: recorded on the upload, not
     * imported. @param etag the version the import reads
     */
    record Overwritten(UUID uploadId, UploadStatus status, ImportCounts counts, String etag) implements Claim {
    }

    /** The import already ended. */
    record Finished(UUID uploadId, UploadStatus status, ImportCounts counts, String error) implements Claim {
    }

    /** Another invocation holds the lease. */
    record Busy(UUID uploadId, Instant leaseExpiresAt) implements Claim {
    }

    enum Phase {
        READING,
        LOADING
    }

    /** What reading the file found. @param valid rows that passed every rule, duplicates included */
    record ReadCounts(long total, long rejected, long valid) {
    }

    /** @param lowerExclusive null for the first range; @param upperInclusive null for the last */
    record Chunk(int chunkNo, String lowerExclusive, String upperInclusive) {
    }

    record OutboxBatch(long id, List<String> debtIds) {
    }

    /** @param outbox in id order */
    record LoadedChunk(long inserted, List<OutboxBatch> outbox) {
    }

    /** The sorted rows, over any key range (a range that fails is split into smaller ones). */
    @FunctionalInterface
    interface ChunkRows {
        /** @param lowerExclusive null: from the first row; @param upperInclusive null: to the last */
        RowCursor open(byte[] lowerExclusive, byte[] upperInclusive);
    }

    @FunctionalInterface
    interface RejectedRows {
        void forEach(RejectedRowSink sink);
    }

    @FunctionalInterface
    interface RejectedRowSink {
        void row(long line, String reason, String text);
    }

    /** The lease was lost (expired and taken over): this invocation must stop without committing. */
    final class LeaseLostException extends RuntimeException {
        public LeaseLostException(UUID uploadId) {
            super("lost the lease on upload " + uploadId + ": another invocation took the import over");
        }
    }
}
