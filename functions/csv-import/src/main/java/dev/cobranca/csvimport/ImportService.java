package dev.cobranca.csvimport;

import dev.cobranca.core.importing.CsvFormatException;
import dev.cobranca.core.importing.CsvPosition;
import dev.cobranca.core.importing.DebtFileReader;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.importing.RejectedRowsReport;
import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.core.upload.UploadStatus;
import java.io.IOException;
import java.io.InputStream;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one uploaded CSV object: reads and validates it as a stream, stages valid rows batch by batch, loads them
 * into charges in debt_id order, enqueues InvoiceRequested for the new charges through the outbox, writes the
 * rejected-rows report. Safe to run twice for the same object, at once or after a crash: the lease makes one
 * invocation work at a time, the checkpoints make the next one resume.
 */
public final class ImportService {

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final int OUTBOX_PAGE = 500;
    private static final int PUBLISHERS = 8;

    private final ObjectStore objects;
    private final MessagePublisher invoiceQueue;
    private final ImportStore store;
    private final Settings settings;
    private final ImportProgress progress;

    /**
     * @param batchRows         rows per staging transaction, and about the rows per loading transaction
     * @param debtIdsPerMessage debtIds per InvoiceRequested message
     * @param lease             how long an invocation may go without committing before another may take over
     * @param loadSessions      key ranges loaded in parallel (one connection each)
     * @param pollInterval      how often a second delivery checks on the import another invocation runs
     */
    public record Settings(int batchRows, int debtIdsPerMessage, Duration lease, int loadSessions,
            Duration pollInterval, DebtValidator validator) {
    }

    public ImportService(ObjectStore objects, MessagePublisher invoiceQueue, ImportStore store, Settings settings,
            ImportProgress progress) {
        this.objects = objects;
        this.invoiceQueue = invoiceQueue;
        this.store = store;
        this.settings = settings;
        this.progress = progress;
    }

    public ImportResult importObject(StoredObject object) {
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

    private ImportResult run(StoredObject object, String owner, ImportStore.Acquired claim) {
        UUID uploadId = claim.uploadId();
        long started = System.nanoTime();
        try {
            sendPendingOutbox(uploadId); // a crashed invocation may have committed batches it never sent
            ImportCounts counts = claim.counts();
            if (claim.phase() == ImportStore.Phase.STAGING) {
                try {
                    counts = stage(object, owner, uploadId, claim.position(), counts);
                } catch (CsvFormatException | ObjectStore.NotFoundException e) {
                    // the file itself is bad or gone: no retry can help, so the upload fails alone, visibly
                    store.fail(uploadId, owner, e.getMessage());
                    LOG.warn("upload {} ({}) FAILED: {}", uploadId, object.key(), e.getMessage());
                    return new ImportResult(uploadId, object.key(), UploadStatus.FAILED, counts, e.getMessage());
                }
            }
            long staged = System.nanoTime();
            load(owner, uploadId);
            sendPendingOutbox(uploadId);
            LOG.info("upload {}: staged in {} ms, loaded and enqueued in {} ms", uploadId, (staged - started) / 1_000_000,
                    (System.nanoTime() - staged) / 1_000_000);
            String reportKey = counts.rejected() > 0 ? writeReport(uploadId) : null;
            ImportCounts done = store.finish(uploadId, owner, reportKey);
            LOG.info("upload {} ({}) IMPORTED in {} ms: {} rows, {} accepted, {} rejected, {} duplicate", uploadId,
                    object.key(), (System.nanoTime() - started) / 1_000_000, done.total(), done.accepted(),
                    done.rejected(), done.duplicate());
            return new ImportResult(uploadId, object.key(), UploadStatus.IMPORTED, done, null);
        } catch (ImportStore.LeaseLostException e) {
            throw e;
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

    /** Phase one: the file, batch by batch, into staging; each batch commits with its checkpoint. */
    private ImportCounts stage(StoredObject object, String owner, UUID uploadId, CsvPosition resumeAt,
            ImportCounts counts) {
        long began = System.nanoTime();
        DebtFileReader reader;
        CsvPosition from;
        if (resumeAt == null) {
            reader = DebtFileReader.fromStart(objects.open(object.key()), settings.validator());
            from = reader.position();
        } else {
            from = resumeAt;
            LOG.info("upload {} resumes at line {} (byte {})", uploadId, from.nextLine(), from.byteOffset());
            DebtFileReader.HeaderAndStart head = DebtFileReader.dataStart(objects.open(object.key()));
            long size = object.size() >= 0 ? object.size()
                    : objects.head(object.key()).map(ObjectStore.ObjectInfo::size).orElse(Long.MAX_VALUE);
            // a ranged GET from the end of the object is refused (416): nothing is left to read there anyway
            InputStream rest = from.byteOffset() >= size ? InputStream.nullInputStream() : objects.open(object.key(), from.byteOffset());
            reader = new DebtFileReader(rest, from, head.header(), settings.validator());
        }
        LOG.info("upload {}: object open, header read in {} ms", uploadId, (System.nanoTime() - began) / 1_000_000);
        try (DebtFileReader rows = reader) {
            boolean end = false;
            while (!end) {
                long read = 0;
                long rejected = 0;
                try (ImportStore.StagingBatch batch = store.beginBatch(uploadId, owner, settings.lease(), from)) {
                    while (read < settings.batchRows()) {
                        RowOutcome row = rows.next();
                        if (row == null) {
                            end = true;
                            break;
                        }
                        read++;
                        switch (row) {
                            case RowOutcome.Accepted a -> batch.accept(a.line(), a.debt());
                            case RowOutcome.Rejected r -> {
                                rejected++;
                                batch.reject(r.line(), r.reason(), r.text());
                            }
                        }
                    }
                    CsvPosition after = rows.position();
                    batch.commit(after, read, rejected, end);
                    from = after;
                }
                counts = counts.plusBatch(read, rejected);
                progress.batchCommitted(uploadId, from);
            }
        }
        return counts;
    }

    /**
     * Phase two: staged rows into charges, key range by key range, sessions in parallel. Each committed range's
     * outbox goes to a sender thread, so SQS calls overlap the load instead of holding a session idle.
     */
    private void load(String owner, UUID uploadId) {
        List<ImportStore.Chunk> chunks = store.pendingChunks(uploadId, owner, settings.lease(), settings.batchRows());
        if (chunks.isEmpty()) {
            return;
        }
        boolean filterKnown = store.mostlyKnown(uploadId);
        int sessions = Math.max(1, Math.min(settings.loadSessions(), chunks.size()));
        // each session takes a contiguous run of key ranges: inserts then walk the unique index in order
        List<List<ImportStore.Chunk>> runs = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            runs.add(chunks.subList(s * chunks.size() / sessions, (s + 1) * chunks.size() / sessions));
        }
        try (OutboxSender sender = new OutboxSender(uploadId)) {
            if (sessions == 1) {
                loadRun(owner, uploadId, runs.getFirst(), filterKnown, sender);
            } else {
                loadInParallel(owner, uploadId, runs, filterKnown, sender);
            }
            sender.awaitAll();
        }
    }

    private void loadInParallel(String owner, UUID uploadId, List<List<ImportStore.Chunk>> runs, boolean filterKnown,
            OutboxSender sender) {
        try (ExecutorService pool = Executors.newFixedThreadPool(runs.size(), Thread.ofPlatform().name("load-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (List<ImportStore.Chunk> run : runs) {
                futures.add(pool.submit(() -> loadRun(owner, uploadId, run, filterKnown, sender)));
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

    private void loadRun(String owner, UUID uploadId, List<ImportStore.Chunk> run, boolean filterKnown,
            OutboxSender sender) {
        for (ImportStore.Chunk chunk : run) {
            sender.check(); // SQS failing: stop loading, the import fails and is retried
            long inserted = store.loadChunk(uploadId, owner, settings.lease(), chunk, settings.debtIdsPerMessage(),
                    filterKnown);
            progress.chunkLoaded(uploadId, chunk.chunkNo(), inserted);
            if (inserted > 0) {
                sender.submit(chunk.chunkNo());
            }
        }
    }

    /**
     * Sends committed chunks' outbox batches on one thread of its own, in the order the chunks committed. On close
     * without {@link #awaitAll()} (the load failed) it finishes the page in flight, so nothing sent stays in the
     * outbox to be sent again, and leaves the rest for the next invocation.
     */
    private final class OutboxSender implements AutoCloseable {

        private final UUID uploadId;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("outbox-sender").daemon(true).factory());
        private final List<Future<?>> sent = new ArrayList<>();
        private volatile boolean stopping;
        private volatile RuntimeException failure;

        OutboxSender(UUID uploadId) {
            this.uploadId = uploadId;
        }

        synchronized void submit(int chunkNo) {
            sent.add(thread.submit(() -> {
                if (stopping || failure != null) {
                    return;
                }
                try {
                    long after = 0;
                    for (List<ImportStore.OutboxBatch> page;
                         !stopping && !(page = store.chunkOutbox(uploadId, chunkNo, after, OUTBOX_PAGE)).isEmpty(); ) {
                        send(uploadId, page);
                        after = page.getLast().id();
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }));
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
        if (batches.isEmpty()) {
            return;
        }
        List<String> bodies = new ArrayList<>(batches.size());
        List<Long> ids = new ArrayList<>(batches.size());
        for (ImportStore.OutboxBatch batch : batches) {
            bodies.add(MessageCodec.encode(new InvoiceRequested(uploadId, batch.debtIds())));
            ids.add(batch.id());
        }
        publishInParallel(bodies);
        store.deleteOutbox(ids);
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

    private String writeReport(UUID uploadId) {
        String key = "reports/" + uploadId + "/rejected.csv";
        Path file = null;
        try {
            file = Files.createTempFile("rejected-" + uploadId, ".csv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 RejectedRowsReport report = new RejectedRowsReport(out)) {
                store.forEachRejected(uploadId, report::write);
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
