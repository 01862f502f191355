package dev.cobranca.csvimport;

import dev.cobranca.core.importing.CsvFormatException;
import dev.cobranca.core.importing.CsvRecordReader;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.sort.KeyRanges;
import dev.cobranca.csvimport.sort.SortedRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one uploaded CSV object: reads and validates it as a stream, sorts the valid rows by debtId on local disk,
 * loads them into charges key range by key range (inserting in the unique index's order is what makes a bulk load
 * fast: the unique btree on random keys is what a bulk load pays for), enqueues InvoiceRequested for the new charges through the outbox, writes
 * the rejected-rows report. Safe to run twice for the same object, at once or after a crash: the lease makes one
 * invocation work at a time, the committed key ranges are never loaded again.
 */
public final class ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final int READ_THREADS = Runtime.getRuntime().availableProcessors();
    /** Sorted runs one merge reads at most (a buffer and a row each): more are merged first, see SortedRuns#compact. */
    private static final int MAX_MERGE_RUNS = 64;

    private final ObjectStore objects;
    private final InvoicePublisher publisher;
    private final UploadLeases leases;
    private final ChargeLoader loader;
    private final RowFormat format;
    private final InvoiceOutbox outbox;
    private final Settings settings;
    private final ImportProgress progress;

    /**
     * @param rowsPerKeyRange         about the rows of one key range: one loading transaction, the unit of resuming
     * @param debtIdsPerMessage debtIds per InvoiceRequested message
     * @param lease             how long an invocation may go without committing before another may take over
     * @param loadSessions      key ranges loaded in parallel (one connection each)
     * @param pollInterval      how often a second delivery checks on the import another invocation runs
     * @param maxRowBytes       a longer row is rejected without being held whole
     */
    public record Settings(int rowsPerKeyRange, int debtIdsPerMessage, Duration lease, int loadSessions,
            Duration pollInterval, DebtValidator validator, int maxRowBytes) {

        public Settings(int rowsPerKeyRange, int debtIdsPerMessage, Duration lease, int loadSessions, Duration pollInterval,
                DebtValidator validator) {
            this(rowsPerKeyRange, debtIdsPerMessage, lease, loadSessions, pollInterval, validator,
                    CsvRecordReader.DEFAULT_MAX_RECORD_BYTES);
        }
    }

    /** @param format how valid rows wait in the sorted runs: the encoding {@code loader} loads */
    public ImportService(ObjectStore objects, MessagePublisher invoiceQueue, UploadLeases leases, ChargeLoader loader,
            RowFormat format, InvoiceOutbox outbox, Settings settings, ImportProgress progress) {
        this.objects = objects;
        this.publisher = new InvoicePublisher(invoiceQueue);
        this.leases = leases;
        this.loader = loader;
        this.format = format;
        this.outbox = outbox;
        this.settings = settings;
        this.progress = progress;
    }

    public ImportResult importObject(StoredObject event) {
        StoredObject object = current(event);
        String owner = UUID.randomUUID().toString();
        Instant waitUntil = null;
        while (true) {
            UploadLeases.Claim claim = leases.claim(object, owner, settings.lease());
            switch (claim) {
                case UploadLeases.Finished f -> {
                    LOG.info("upload {} ({}) already {}", f.uploadId(), object.key(), f.status());
                    return new ImportResult(f.uploadId(), object.key(), f.status(), f.counts(), f.error());
                }
                case UploadLeases.Acquired a -> {
                    return run(object, owner, a);
                }
                case UploadLeases.Overwritten o -> {
                    LOG.warn("upload {} ({}): the object was written again (ETag {}) after its import started with ETag {};"
                            + " recorded on the upload, not imported", o.uploadId(), object.key(), object.etag(), o.etag());
                    return new ImportResult(o.uploadId(), object.key(), o.status(), o.counts(),
                            "ignored: the object was written again after its import started; upload the new file under a new URL");
                }
                case UploadLeases.Busy b -> {
                    // another delivery of the same event is importing: wait for it to end, or for its lease to
                    // expire (it died) and take over
                    if (waitUntil == null) {
                        waitUntil = b.leaseExpiresAt().plus(settings.lease()).plusSeconds(5);
                        LOG.info("upload {} ({}) is being imported by another invocation; waiting", b.uploadId(), object.key());
                    }
                    if (Instant.now().isAfter(waitUntil)) {
                        throw new IllegalStateException("upload " + b.uploadId() + " is still leased by another invocation");
                    }
                    sleep(settings.pollInterval());
                }
            }
        }
    }

    /**
     * The object as it is now: an import that starts pins the version the bucket holds (and reads only it, by ETag),
     * whatever version the event named; an event may be older than the object, or hand-written
     * ({@code ./cobranca invoke}, {@code sam local invoke}). A missing object is left for the read to report.
     */
    private StoredObject current(StoredObject event) {
        return objects.head(event.key())
                .map(head -> new StoredObject(event.bucket(), event.key(), head.etag(), head.size()))
                .orElse(event);
    }

    private ImportResult run(StoredObject object, String owner, UploadLeases.Acquired claim) {
        UUID uploadId = claim.uploadId();
        long started = System.nanoTime();
        try {
            sendPendingOutbox(uploadId); // a crashed invocation may have committed ranges it never sent
            boolean rejected;
            try (ImportWorkspace workspace = ImportWorkspace.create(uploadId)) {
                // a sample fine enough to cut ranges of rowsPerKeyRange rows, at most one key in 512 kept in memory
                SortedRuns runs = new SortedRuns(workspace.dir(), sortBudget(), Math.clamp(settings.rowsPerKeyRange() / 16, 1, 512));
                RejectedSpool spool = new RejectedSpool(workspace.dir());
                List<ChargeLoader.KeyRange> keyRanges;
                long fileRejects;
                try {
                    if (claim.phase() == UploadLeases.Phase.READING) {
                        ReadAndPlan plan = readAndPlan(object, claim.etag(), owner, uploadId, runs, spool);
                        keyRanges = plan.keyRanges();
                        fileRejects = plan.rejected();
                    } else {
                        keyRanges = rereadPending(object, claim.etag(), owner, uploadId, runs, spool);
                        fileRejects = claim.counts().rejected();
                    }
                } catch (CsvFormatException | ObjectStore.NotFoundException | ObjectStore.ChangedException e) {
                    // the file itself is bad or gone (or, without bucket versioning, the version the import claimed is
                    // gone: written again before a retry could read it once more): no retry can help, so the upload
                    // fails alone, visibly
                    leases.fail(uploadId, owner, e instanceof ObjectStore.ChangedException
                            ? UploadLeases.VERSION_GONE : e.getMessage());
                    LOG.warn("upload {} ({}) FAILED: {}", uploadId, object.key(), e.getMessage());
                    return new ImportResult(uploadId, object.key(), UploadStatus.FAILED, claim.counts(), e.getMessage());
                }
                long read = System.nanoTime();
                new KeyRangeLoader(loader, outbox, publisher, progress, settings).load(owner, uploadId, keyRanges, runs);
                LOG.info("upload {}: read and sorted in {} ms ({} runs), loaded in {} ms", uploadId,
                        (read - started) / 1_000_000, runs.runCount(), (System.nanoTime() - read) / 1_000_000);
                List<RowOutcome.Rejected> refused = loader.refusedRows(uploadId);
                if (!refused.isEmpty()) {
                    reportWithRefusals(object, claim.etag(), owner, uploadId, runs, spool, refused);
                }
                rejected = fileRejects > 0 || !refused.isEmpty();
            }
            sendPendingOutbox(uploadId);
            ImportCounts done = leases.finish(uploadId, owner, rejected ? RejectedReport.key(uploadId) : null);
            LOG.info("upload {} ({}) IMPORTED in {} ms: {} rows, {} accepted, {} rejected, {} duplicate", uploadId,
                    object.key(), (System.nanoTime() - started) / 1_000_000, done.total(), done.accepted(),
                    done.rejected(), done.duplicate());
            return new ImportResult(uploadId, object.key(), UploadStatus.IMPORTED, done, null);
        } catch (LeaseLostException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // the last resort: the queues, the sort and the rows are bounded by bytes, so this is a heap too small
            // for the settings. What held the memory is gone with the stack; say so on the upload, not IMPORTING
            String error = "the import ran out of memory (heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB): give the function more memory or lower IMPORT_MAX_ROW_BYTES / IMPORT_BATCH_ROWS, then upload the file again";
            try {
                leases.fail(uploadId, owner, error);
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
                throw e;
            }
            LOG.error("upload {} ({}) FAILED: {}", uploadId, object.key(), error, e);
            return new ImportResult(uploadId, object.key(), UploadStatus.FAILED, claim.counts(), error);
        } catch (RuntimeException e) {
            // let the next delivery resume at once instead of waiting for the lease to expire
            try {
                leases.release(uploadId, owner);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The key ranges a read planned, and how many of the file's rows it rejected. */
    private record ReadAndPlan(List<ChargeLoader.KeyRange> keyRanges, long rejected) {
    }

    /**
     * Phase one: the whole file, validated and sorted by debtId on local disk, its rejected rows merged into the
     * report; then, in one transaction, its counts and the key ranges to load. Nothing reaches charges yet, so a crash
     * here costs only the read (and the report is written again, the same). A committed plan thus always has its
     * report in the bucket: a resumed import need not write it again.
     */
    private ReadAndPlan readAndPlan(StoredObject object, String etag, String owner, UUID uploadId, SortedRuns runs,
            RejectedSpool spool) {
        UploadReader.Result read = reader().read(objects.open(object.key(), etag), key -> true, runs, spool,
                heartbeat(uploadId, owner));
        runs.compact(MAX_MERGE_RUNS);
        if (read.rejected() > 0) {
            RejectedReport.write(objects, uploadId, spool, List.of());
        }
        List<ChargeLoader.KeyRange> keyRanges = loader.planLoad(uploadId, owner, settings.lease(),
                new ChargeLoader.ReadCounts(read.total(), read.rejected(), read.valid()),
                KeyRanges.bounds(runs.sampleKeys(), runs.rows(), settings.rowsPerKeyRange()));
        progress.fileRead(uploadId, read.total());
        return new ReadAndPlan(keyRanges, read.rejected());
    }

    /**
     * A resumed import: the ranges committed before are not touched again; the file is read once more (seconds, and
     * its counts are already recorded) for the rows of the ranges still to load, its rejected rows spooled again in
     * case the database refuses some and the report must be written anew.
     */
    private List<ChargeLoader.KeyRange> rereadPending(StoredObject object, String etag, String owner, UUID uploadId,
            SortedRuns runs, RejectedSpool spool) {
        List<ChargeLoader.KeyRange> pending = loader.pendingKeyRanges(uploadId);
        if (!pending.isEmpty()) {
            LOG.info("upload {} resumes: {} key range(s) still to load", uploadId, pending.size());
            reader().read(objects.open(object.key(), etag),
                    KeyRanges.inAny(pending.stream().map(c -> new String[] {c.lowerExclusive(), c.upperInclusive()}).toList()),
                    runs, spool, heartbeat(uploadId, owner));
            runs.compact(MAX_MERGE_RUNS);
        }
        return pending;
    }

    /**
     * The report once more, with the rows the database refused merged in by line. Rare (the validator lets through
     * nothing it knows the database refuses); a resumed import that had no range left to read reads the file for its
     * rejected rows only.
     */
    private void reportWithRefusals(StoredObject object, String etag, String owner, UUID uploadId, SortedRuns runs,
            RejectedSpool spool, List<RowOutcome.Rejected> refused) {
        if (!spool.filled()) {
            reader().read(objects.open(object.key(), etag), key -> false, runs, spool, heartbeat(uploadId, owner));
        }
        RejectedReport.write(objects, uploadId, spool, refused);
    }

    private UploadReader reader() {
        return new UploadReader(settings.validator(), format, READ_THREADS, settings.maxRowBytes());
    }

    /** What one reading thread may hold before it writes a sorted run: a share of the heap, whatever the file's size. */
    private static long sortBudget() {
        return Math.clamp(Runtime.getRuntime().maxMemory() / (8L * READ_THREADS), 4L << 20, 64L << 20);
    }

    /** Renews the lease from the reading thread, at most every quarter lease. */
    private Runnable heartbeat(UUID uploadId, String owner) {
        long every = settings.lease().toNanos() / 4;
        long[] last = {System.nanoTime()};
        return () -> {
            if (System.nanoTime() - last[0] >= every) {
                leases.renewLease(uploadId, owner, settings.lease());
                last[0] = System.nanoTime();
            }
        };
    }

    /** Sends, then deletes: a crash between the two resends (the invoice function is idempotent), never loses. */
    private void sendPendingOutbox(UUID uploadId) {
        for (List<InvoiceOutbox.Batch> page; !(page = outbox.pending(uploadId, OutboxSender.PAGE)).isEmpty(); ) {
            outbox.delete(publisher.publish(uploadId, page));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another invocation", e);
        }
    }
}
