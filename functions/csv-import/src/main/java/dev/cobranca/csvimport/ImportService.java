package dev.cobranca.csvimport;

import dev.cobranca.core.importing.CsvFormatException;
import dev.cobranca.core.importing.CsvRecordReader;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.importing.RejectedRowsReport;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.SortedRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one uploaded CSV object: reads and validates it as a stream, sorts the valid rows by debtId on local disk,
 * loads them into charges key range by key range (inserting in the unique index's order is what makes a bulk load
 * fast: NOTES.md, "PostgreSQL bulk load"), enqueues InvoiceRequested for the new charges through the outbox, writes
 * the rejected-rows report. Safe to run twice for the same object, at once or after a crash: the lease makes one
 * invocation work at a time, the committed key ranges are never loaded again.
 */
public final class ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final int OUTBOX_PAGE = 100;
    private static final int PUBLISHERS = 8;
    private static final int PROBE_KEYS = 1_000;
    private static final int READ_THREADS = Runtime.getRuntime().availableProcessors();
    /** Sorted runs one merge reads at most (a buffer and a row each): more are merged first, see SortedRuns#compact. */
    private static final int MAX_MERGE_RUNS = 64;

    private final ObjectStore objects;
    private final MessagePublisher invoiceQueue;
    private final ImportStore store;
    private final Settings settings;
    private final ImportProgress progress;

    /**
     * @param batchRows         about the rows of one key range: one loading transaction, the unit of resuming
     * @param debtIdsPerMessage debtIds per InvoiceRequested message
     * @param lease             how long an invocation may go without committing before another may take over
     * @param loadSessions      key ranges loaded in parallel (one connection each)
     * @param pollInterval      how often a second delivery checks on the import another invocation runs
     * @param maxRowBytes       a longer row is rejected without being held whole
     */
    public record Settings(int batchRows, int debtIdsPerMessage, Duration lease, int loadSessions,
            Duration pollInterval, DebtValidator validator, int maxRowBytes) {

        public Settings(int batchRows, int debtIdsPerMessage, Duration lease, int loadSessions, Duration pollInterval,
                DebtValidator validator) {
            this(batchRows, debtIdsPerMessage, lease, loadSessions, pollInterval, validator,
                    CsvRecordReader.DEFAULT_MAX_RECORD_BYTES);
        }
    }

    public ImportService(ObjectStore objects, MessagePublisher invoiceQueue, ImportStore store, Settings settings,
            ImportProgress progress) {
        this.objects = objects;
        this.invoiceQueue = invoiceQueue;
        this.store = store;
        this.settings = settings;
        this.progress = progress;
    }

    public ImportResult importObject(StoredObject event) {
        StoredObject object = current(event);
        String owner = UUID.randomUUID().toString();
        Instant waitUntil = null;
        while (true) {
            ImportStore.Claim claim = store.claim(object, owner, settings.lease());
            switch (claim) {
                case ImportStore.Finished f -> {
                    LOG.info("upload {} ({}) already {}", f.uploadId(), object.key(), f.status());
                    return new ImportResult(f.uploadId(), object.key(), f.status(), f.counts(), f.error());
                }
                case ImportStore.Acquired a -> {
                    return run(object, owner, a);
                }
                case ImportStore.Overwritten o -> {
                    LOG.warn("upload {} ({}): the object was written again (ETag {}) after its import started with ETag {};"
                            + " recorded on the upload, not imported", o.uploadId(), object.key(), object.etag(), o.etag());
                    return new ImportResult(o.uploadId(), object.key(), o.status(), o.counts(),
                            "ignored: the object was written again after its import started; upload the new file under a new URL");
                }
                case ImportStore.Busy b -> {
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

    private ImportResult run(StoredObject object, String owner, ImportStore.Acquired claim) {
        UUID uploadId = claim.uploadId();
        long started = System.nanoTime();
        try {
            sendPendingOutbox(uploadId); // a crashed invocation may have committed ranges it never sent
            try (ImportWorkspace workspace = ImportWorkspace.create(uploadId)) {
                // a sample fine enough to cut ranges of batchRows rows, at most one key in 512 kept in memory
                SortedRuns runs = new SortedRuns(workspace.dir(), sortBudget(), Math.clamp(settings.batchRows() / 16, 1, 512));
                List<ImportStore.Chunk> chunks;
                try {
                    chunks = claim.phase() == ImportStore.Phase.READING
                            ? readAndPlan(object, claim.etag(), owner, uploadId, runs, workspace)
                            : rereadPending(object, claim.etag(), owner, uploadId, runs);
                } catch (CsvFormatException | ObjectStore.NotFoundException | ObjectStore.ChangedException e) {
                    // the file itself is bad or gone (or, without bucket versioning, the version the import claimed is
                    // gone: written again before a retry could read it once more): no retry can help, so the upload
                    // fails alone, visibly
                    store.fail(uploadId, owner, e instanceof ObjectStore.ChangedException
                            ? ImportStore.VERSION_GONE : e.getMessage());
                    LOG.warn("upload {} ({}) FAILED: {}", uploadId, object.key(), e.getMessage());
                    return new ImportResult(uploadId, object.key(), UploadStatus.FAILED, claim.counts(), e.getMessage());
                }
                long read = System.nanoTime();
                load(owner, uploadId, chunks, runs);
                LOG.info("upload {}: read and sorted in {} ms ({} runs), loaded in {} ms", uploadId,
                        (read - started) / 1_000_000, runs.runCount(), (System.nanoTime() - read) / 1_000_000);
            }
            sendPendingOutbox(uploadId);
            String reportKey = writeReport(uploadId);
            ImportCounts done = store.finish(uploadId, owner, reportKey);
            LOG.info("upload {} ({}) IMPORTED in {} ms: {} rows, {} accepted, {} rejected, {} duplicate", uploadId,
                    object.key(), (System.nanoTime() - started) / 1_000_000, done.total(), done.accepted(),
                    done.rejected(), done.duplicate());
            return new ImportResult(uploadId, object.key(), UploadStatus.IMPORTED, done, null);
        } catch (ImportStore.LeaseLostException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // the last resort: the queues, the sort and the rows are bounded by bytes, so this is a heap too small
            // for the settings. What held the memory is gone with the stack; say so on the upload, not IMPORTING
            String error = "the import ran out of memory (heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB): give the function more memory or lower IMPORT_MAX_ROW_BYTES / IMPORT_BATCH_ROWS, then upload the file again";
            try {
                store.fail(uploadId, owner, error);
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
                throw e;
            }
            LOG.error("upload {} ({}) FAILED: {}", uploadId, object.key(), error, e);
            return new ImportResult(uploadId, object.key(), UploadStatus.FAILED, claim.counts(), error);
        } catch (RuntimeException e) {
            // let the next delivery resume at once instead of waiting for the lease to expire
            try {
                store.release(uploadId, owner);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Phase one: the whole file, validated and sorted by debtId on local disk; then, in one transaction, its counts,
     * its rejected rows and the key ranges to load. Nothing reaches charges yet, so a crash here costs only the read.
     */
    private List<ImportStore.Chunk> readAndPlan(StoredObject object, String etag, String owner, UUID uploadId,
            SortedRuns runs, ImportWorkspace workspace) {
        RejectedSpool rejected = new RejectedSpool(workspace.dir());
        UploadReader.Result read = reader().read(objects.open(object.key(), etag), key -> true, runs, rejected,
                heartbeat(uploadId, owner));
        runs.compact(MAX_MERGE_RUNS);
        List<ImportStore.Chunk> chunks = store.planLoad(uploadId, owner, settings.lease(),
                new ImportStore.ReadCounts(read.total(), read.rejected(), read.valid()), bounds(runs), rejected::forEach);
        progress.fileRead(uploadId, read.total());
        return chunks;
    }

    /**
     * A resumed import: the ranges committed before are not touched again; the file is read once more (seconds, and
     * its counts and rejected rows are already recorded) for the rows of the ranges still to load.
     */
    private List<ImportStore.Chunk> rereadPending(StoredObject object, String etag, String owner, UUID uploadId,
            SortedRuns runs) {
        List<ImportStore.Chunk> pending = store.pendingChunks(uploadId);
        if (!pending.isEmpty()) {
            LOG.info("upload {} resumes: {} key range(s) still to load", uploadId, pending.size());
            reader().read(objects.open(object.key(), etag), inAny(pending), runs, null, heartbeat(uploadId, owner));
            runs.compact(MAX_MERGE_RUNS);
        }
        return pending;
    }

    private UploadReader reader() {
        return new UploadReader(settings.validator(), store::encode, READ_THREADS, settings.maxRowBytes());
    }

    /** What one reading thread may hold before it writes a sorted run: a share of the heap, whatever the file's size. */
    private static long sortBudget() {
        return Math.clamp(Runtime.getRuntime().maxMemory() / (8L * READ_THREADS), 4L << 20, 64L << 20);
    }

    /** Key ranges of about {@code batchRows} rows each, from the runs' sample of keys. */
    private List<String> bounds(SortedRuns runs) {
        List<byte[]> sample = runs.sampleKeys();
        long ranges = (runs.rows() + settings.batchRows() - 1) / settings.batchRows();
        List<String> bounds = new ArrayList<>();
        byte[] previous = null;
        for (long i = 1; i < ranges && !sample.isEmpty(); i++) {
            byte[] bound = sample.get((int) (i * sample.size() / ranges));
            if (previous == null || Keys.compare(bound, previous) > 0) {
                bounds.add(Keys.text(bound));
                previous = bound;
            }
        }
        return bounds;
    }

    private static Predicate<byte[]> inAny(List<ImportStore.Chunk> chunks) {
        List<byte[][]> ranges = chunks.stream()
                .map(c -> new byte[][] {bytes(c.lowerExclusive()), bytes(c.upperInclusive())}).toList();
        return key -> {
            for (byte[][] range : ranges) {
                if (Keys.inRange(key, range[0], range[1])) {
                    return true;
                }
            }
            return false;
        };
    }

    private static byte[] bytes(String bound) {
        return bound == null ? null : Keys.of(bound);
    }

    /** Renews the lease from the reading thread, at most every quarter lease. */
    private Runnable heartbeat(UUID uploadId, String owner) {
        long every = settings.lease().toNanos() / 4;
        long[] last = {System.nanoTime()};
        return () -> {
            if (System.nanoTime() - last[0] >= every) {
                store.renewLease(uploadId, owner, settings.lease());
                last[0] = System.nanoTime();
            }
        };
    }

    /**
     * Phase two: the sorted rows into charges, key range by key range, sessions in parallel (each a contiguous run of
     * ranges, so each walks the unique index in order). Each committed range's outbox goes to a sender thread, so SQS
     * calls overlap the load instead of holding a session idle.
     */
    private void load(String owner, UUID uploadId, List<ImportStore.Chunk> chunks, SortedRuns runs) {
        if (chunks.isEmpty()) {
            return;
        }
        boolean expectCharged = store.countCharged(probe(runs)) > 0;
        if (expectCharged) {
            LOG.info("upload {}: some debtIds are charged already (a re-upload?); loading through staging", uploadId);
        }
        int sessions = Math.max(1, Math.min(settings.loadSessions(), chunks.size()));
        List<List<ImportStore.Chunk>> parts = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            parts.add(chunks.subList(s * chunks.size() / sessions, (s + 1) * chunks.size() / sessions));
        }
        OutboxSender sender = new OutboxSender(uploadId);
        try (sender) {
            if (sessions == 1) {
                loadRun(owner, uploadId, parts.getFirst(), runs, expectCharged, sender, new AtomicBoolean());
            } else {
                loadInParallel(owner, uploadId, parts, runs, expectCharged, sender);
            }
            sender.awaitAll();
        } finally {
            try {
                deleteSent(sender); // also after a failure: what SQS took must not be sent again by the next delivery
            } catch (RuntimeException e) {
                LOG.warn("upload {}: could not delete the outbox rows already sent; they will be sent again", uploadId, e);
            }
        }
    }

    /** Up to {@value #PROBE_KEYS} debtIds spread over the file, to tell a new file from a re-upload before loading. */
    private static List<String> probe(SortedRuns runs) {
        List<byte[]> sample = runs.sampleKeys();
        int n = Math.min(PROBE_KEYS, sample.size());
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(Keys.text(sample.get((int) ((long) i * sample.size() / n))));
        }
        return keys;
    }

    private void loadInParallel(String owner, UUID uploadId, List<List<ImportStore.Chunk>> parts, SortedRuns runs,
            boolean expectCharged, OutboxSender sender) {
        try (ExecutorService pool = Executors.newFixedThreadPool(parts.size(), Thread.ofPlatform().name("load-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            for (List<ImportStore.Chunk> part : parts) {
                futures.add(pool.submit(() -> {
                    try {
                        loadRun(owner, uploadId, part, runs, expectCharged, sender, stop);
                    } catch (RuntimeException | Error e) {
                        stop.set(true); // the other sessions stop after their current range
                        throw e;
                    }
                }));
            }
            RuntimeException failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        futures.forEach(f -> f.cancel(false));
                        throw error;
                    }
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                        futures.forEach(f -> f.cancel(false));
                    } else if (failure != cause) {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading upload " + uploadId, e);
                } catch (java.util.concurrent.CancellationException e) {
                    // cancelled after the first failure
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void loadRun(String owner, UUID uploadId, List<ImportStore.Chunk> part, SortedRuns runs,
            boolean expectCharged, OutboxSender sender, AtomicBoolean stop) {
        for (ImportStore.Chunk chunk : part) {
            if (stop.get()) {
                return;
            }
            sender.check(); // SQS failing: stop loading, the import fails and is retried
            ImportStore.LoadedChunk loaded = store.loadChunk(uploadId, owner, settings.lease(), chunk,
                    runs::open, settings.debtIdsPerMessage(), expectCharged);
            long inserted = loaded.inserted();
            progress.chunkLoaded(uploadId, chunk.chunkNo(), inserted);
            if (inserted > 0) {
                sender.submit(loaded.outbox());
            }
            deleteSent(sender); // between ranges, on this thread's connection: the sender needs none of its own
        }
    }

    /**
     * Sends committed chunks' outbox batches on one thread of its own, in the order the chunks committed. On close
     * without {@link #awaitAll()} (the load failed) it finishes the page in flight, so nothing sent stays in the
     * outbox to be sent again, and leaves the rest for the next invocation.
     */
    private final class OutboxSender implements AutoCloseable {

        private static final int CHUNKS_IN_FLIGHT = 3;

        private final UUID uploadId;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("outbox-sender").daemon(true).factory());
        private final List<Future<?>> sent = new ArrayList<>();
        private final Semaphore inFlight = new Semaphore(CHUNKS_IN_FLIGHT);
        private final List<Long> sentIds = new ArrayList<>();
        private volatile boolean stopping;
        private volatile RuntimeException failure;

        OutboxSender(UUID uploadId) {
            this.uploadId = uploadId;
        }

        /**
         * Queues a committed range's outbox batches, as the load handed them back (no reading them again). Blocks
         * while {@value #CHUNKS_IN_FLIGHT} ranges wait already: their ids are held in memory until sent.
         */
        void submit(List<ImportStore.OutboxBatch> batches) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while queueing InvoiceRequested", e);
            }
            synchronized (this) {
                sent.add(thread.submit(() -> {
                    try {
                        for (int from = 0; from < batches.size() && !stopping && failure == null; from += OUTBOX_PAGE) {
                            List<Long> ids = publish(uploadId, batches.subList(from, Math.min(from + OUTBOX_PAGE, batches.size())));
                            synchronized (sentIds) {
                                sentIds.addAll(ids);
                            }
                        }
                    } catch (RuntimeException e) {
                        failure = e;
                        throw e;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        }

        /** Outbox ids sent since the last call; deleting them is the caller's (the sender holds no connection). */
        List<Long> drainSent() {
            synchronized (sentIds) {
                List<Long> sent = List.copyOf(sentIds);
                sentIds.clear();
                return sent;
            }
        }

        void check() {
            RuntimeException f = failure;
            if (f != null) {
                throw new IllegalStateException("sending InvoiceRequested of upload " + uploadId + " failed: " + f.getMessage(), f);
            }
        }

        /** Waits for every submitted chunk to be sent; throws the first failure. */
        void awaitAll() {
            List<Future<?>> all;
            synchronized (this) {
                all = List.copyOf(sent);
            }
            for (Future<?> f : all) {
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

        @Override
        public void close() {
            stopping = true;
            thread.shutdown();
            try {
                if (!thread.awaitTermination(settings.lease().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sendPendingOutbox(UUID uploadId) {
        for (List<ImportStore.OutboxBatch> page; !(page = store.pendingOutbox(uploadId, OUTBOX_PAGE)).isEmpty(); ) {
            send(uploadId, page);
        }
    }

    /** Sends, then deletes: a crash between the two resends (the invoice function is idempotent), never loses. */
    private void send(UUID uploadId, List<ImportStore.OutboxBatch> batches) {
        store.deleteOutbox(publish(uploadId, batches));
    }

    /** @return the outbox ids of the batches SQS accepted (all of them, or it throws) */
    private List<Long> publish(UUID uploadId, List<ImportStore.OutboxBatch> batches) {
        List<String> bodies = new ArrayList<>(batches.size());
        List<Long> ids = new ArrayList<>(batches.size());
        for (ImportStore.OutboxBatch batch : batches) {
            bodies.add(MessageCodec.encode(new InvoiceRequested(uploadId, batch.debtIds())));
            ids.add(batch.id());
        }
        if (!bodies.isEmpty()) {
            publishInParallel(bodies);
        }
        return ids;
    }

    /** Deletes the outbox rows the sender has sent so far, on the calling thread's connection turn. */
    private void deleteSent(OutboxSender sender) {
        List<Long> sent = sender.drainSent();
        if (!sent.isEmpty()) {
            store.deleteOutbox(sent);
        }
    }

    /** SQS answers each SendMessageBatch (10 messages) in milliseconds: several in flight keep the import from waiting. */
    private void publishInParallel(List<String> bodies) {
        int slices = Math.min(PUBLISHERS, (bodies.size() + 9) / 10);
        if (slices <= 1) {
            invoiceQueue.publish(bodies);
            return;
        }
        int per = ((bodies.size() + slices - 1) / slices + 9) / 10 * 10;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += per) {
                List<String> slice = bodies.subList(from, Math.min(from + per, bodies.size()));
                sent.add(senders.submit(() -> invoiceQueue.publish(slice)));
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

    /** @return the report's key, or null when no row was rejected */
    private String writeReport(UUID uploadId) {
        String key = "reports/" + uploadId + "/rejected.csv";
        Path file = null;
        try {
            file = Files.createTempFile("rejected-" + uploadId, ".csv");
            long[] rows = {0};
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 RejectedRowsReport report = new RejectedRowsReport(out)) {
                store.forEachRejected(uploadId, (line, reason, text) -> {
                    rows[0]++;
                    report.write(line, reason, text);
                });
            }
            if (rows[0] == 0) {
                return null;
            }
            objects.put(key, file, RejectedRowsReport.CONTENT_TYPE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("could not delete {}", file, e);
                }
            }
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
