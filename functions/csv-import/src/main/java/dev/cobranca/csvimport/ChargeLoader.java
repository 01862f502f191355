package dev.cobranca.csvimport;

import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.csvimport.sort.RowCursor;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Where an import's valid rows become charges. After reading the file (phase READING of {@link UploadLeases}), the
 * import records what it found in one transaction ({@link #planLoad}: counts, key ranges; phase LOADING), then loads the key ranges, one transaction each ({@link #loadKeyRange}). A resumed import skips the ranges
 * already loaded. Every write is fenced by the caller's lease ({@link LeaseLostException}).
 */
public interface ChargeLoader {

    /**
     * One transaction: the file's counts, the key ranges to load (bounds in debtId order, see
     * {@link dev.cobranca.csvimport.sort.Keys}), phase LOADING.
     *
     * @param bounds the upper bound of each range but the last, ascending and distinct
     * @return the ranges, all pending
     */
    List<KeyRange> planLoad(UUID uploadId, String owner, Duration lease, ReadCounts counts, List<String> bounds);

    /** The key ranges not loaded yet, in key order. */
    List<KeyRange> pendingKeyRanges(UUID uploadId);

    /** How many of these debtIds are charged already. */
    int countCharged(List<String> debtIds);

    /**
     * One transaction: the range's rows that are not charged yet become charges, their outbox batches of at most
     * {@code debtIdsPerMessage} ids are written (tagged with the key range), the key range is marked done. Rows the database
     * refuses as data (a value out of its range, a check) are kept with its reason, in the same transaction, for
     * {@link #refusedRows}, and counted as rejected; the rest of the range loads.
     *
     * @param rows           opens the rows of the range (or of part of it), sorted by debtId, each debtId once; may be
     *                       opened more than once; their payloads in the {@link RowFormat} the loader was paired with
     * @param expectCharged  some rows are likely charged already (a re-upload): skip the fast path that assumes not
     * @return how many charges the key range created, and the outbox batches it wrote (to send without reading them back)
     */
    LoadedKeyRange loadKeyRange(UUID uploadId, String owner, Duration lease, KeyRange keyRange, KeyRangeRows rows, int debtIdsPerMessage,
            boolean expectCharged);

    /**
     * The rows the database refused in the key ranges loaded so far (by any invocation: they are committed with
     * their range, so a retried import still reports them), in line order. Few or none: the validator lets through
     * nothing it knows the database refuses.
     */
    List<RowOutcome.Rejected> refusedRows(UUID uploadId);

    /** What reading the file found. @param valid rows that passed every rule, duplicates included */
    record ReadCounts(long total, long rejected, long valid) {
    }

    /** @param lowerExclusive null for the first range; @param upperInclusive null for the last */
    record KeyRange(int rangeNo, String lowerExclusive, String upperInclusive) {
    }

    /** @param outbox in id order */
    record LoadedKeyRange(long inserted, List<InvoiceOutbox.Batch> outbox) {
    }

    /** The sorted rows, over any key range (a range that fails is split into smaller ones). */
    @FunctionalInterface
    interface KeyRangeRows {
        /** @param lowerExclusive null: from the first row; @param upperInclusive null: to the last */
        RowCursor open(byte[] lowerExclusive, byte[] upperInclusive);
    }
}
