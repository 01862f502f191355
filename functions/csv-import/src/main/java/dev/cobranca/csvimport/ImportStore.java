package dev.cobranca.csvimport;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.importing.CsvPosition;
import dev.cobranca.core.upload.UploadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an import keeps its upload, rows, checkpoint and outbox. Every write is fenced by the caller's lease:
 * an invocation whose lease was taken over gets {@link LeaseLostException} and commits nothing.
 */
public interface ImportStore {

    /** Finds (or, for an object the API did not announce, creates) the object's upload and tries to lease it. */
    Claim claim(StoredObject object, String owner, Duration lease);

    /** Opens the transaction of one batch, which starts at {@code from} (the checkpoint the caller holds). */
    StagingBatch beginBatch(UUID uploadId, String owner, Duration lease, CsvPosition from);

    /** The key ranges not loaded yet; plans them (about {@code rowsPerChunk} staged rows each) the first time. */
    List<Chunk> pendingChunks(UUID uploadId, String owner, Duration lease, int rowsPerChunk);

    /** True when most staged debtIds are charged already (a re-upload): loading then filters them out first. */
    boolean mostlyKnown(UUID uploadId);

    /**
     * One transaction: the chunk's new charges in debt_id order (first line wins within the file), their outbox
     * batches of at most {@code debtIdsPerMessage} ids (tagged with the chunk), the chunk marked done.
     *
     * @return how many charges the chunk created
     */
    long loadChunk(UUID uploadId, String owner, Duration lease, Chunk chunk, int debtIdsPerMessage,
            boolean filterKnown);

    /** Outbox batches of the upload still to be sent, oldest first. */
    List<OutboxBatch> pendingOutbox(UUID uploadId, int limit);

    /** Outbox batches one chunk wrote, still to be sent, with ids above {@code afterId}, in id order. */
    List<OutboxBatch> chunkOutbox(UUID uploadId, int chunkNo, long afterId, int limit);

    void deleteOutbox(List<Long> ids);

    /** Streams the rejected rows in line order. */
    void forEachRejected(UUID uploadId, RejectedRowSink sink);

    /** IMPORTED with its final counts; drops the staging data; marks it COMPLETED if nothing is left to do. */
    ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey);

    /** FAILED with the reason; drops the staging data. */
    void fail(UUID uploadId, String owner, String error);

    /** Gives up the lease early (the next delivery need not wait for it to expire). */
    void release(UUID uploadId, String owner);

    sealed interface Claim {
        UUID uploadId();
    }

    /** The caller holds the lease. {@code position} is null when no batch has committed yet. */
    record Acquired(UUID uploadId, Phase phase, CsvPosition position, ImportCounts counts) implements Claim {
    }

    /** The import already ended. */
    record Finished(UUID uploadId, UploadStatus status, ImportCounts counts, String error) implements Claim {
    }

    /** Another invocation holds the lease. */
    record Busy(UUID uploadId, Instant leaseExpiresAt) implements Claim {
    }

    enum Phase {
        STAGING,
        LOADING
    }

    /** @param lowerExclusive null for the first range; @param upperInclusive null for the last */
    record Chunk(int chunkNo, String lowerExclusive, String upperInclusive) {
    }

    record OutboxBatch(long id, List<String> debtIds) {
    }

    /** A batch's writes, all committed or none. */
    interface StagingBatch extends AutoCloseable {

        void accept(long line, Debt debt);

        void reject(long line, String reason, String text);

        /** @param last the file ended: the next phase is LOADING */
        void commit(CsvPosition after, long rows, long rejected, boolean last);

        /** Rolls back unless committed. */
        @Override
        void close();
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
