package dev.cobranca.csvimport;

import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.csvimport.sort.KeyRanges;
import dev.cobranca.csvimport.sort.SortedRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Phase two of an import: its planned key ranges from the sorted runs into charges, the outbox sent as they commit. */
final class KeyRangeLoader {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRangeLoader.class);
    private static final int PROBE_KEYS = 1_000;

    private final ChargeLoader loader;
    private final InvoiceOutbox outbox;
    private final InvoicePublisher publisher;
    private final ImportProgress progress;
    private final ImportService.Settings settings;

    KeyRangeLoader(ChargeLoader loader, InvoiceOutbox outbox, InvoicePublisher publisher, ImportProgress progress, ImportService.Settings settings) {
        this.loader = loader;
        this.outbox = outbox;
        this.publisher = publisher;
        this.progress = progress;
        this.settings = settings;
    }

    /**
     * Phase two: the sorted rows into charges, key range by key range, sessions in parallel (each a contiguous run of
     * ranges, so each walks the unique index in order). Each committed range's outbox goes to a sender thread, so SQS
     * calls overlap the load instead of holding a session idle.
     */
    void load(String owner, UUID uploadId, List<ChargeLoader.KeyRange> keyRanges, SortedRuns runs) {
        if (keyRanges.isEmpty()) {
            return;
        }
        boolean expectCharged = loader.countCharged(KeyRanges.probe(runs.sampleKeys(), PROBE_KEYS)) > 0;
        if (expectCharged) {
            LOG.info("upload {}: some debtIds are charged already (a re-upload?); loading through staging", uploadId);
        }
        int sessions = Math.max(1, Math.min(settings.loadSessions(), keyRanges.size()));
        List<List<ChargeLoader.KeyRange>> parts = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            parts.add(keyRanges.subList(s * keyRanges.size() / sessions, (s + 1) * keyRanges.size() / sessions));
        }
        OutboxSender sender = new OutboxSender(uploadId, publisher, settings.lease());
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

    private void loadInParallel(String owner, UUID uploadId, List<List<ChargeLoader.KeyRange>> parts, SortedRuns runs,
            boolean expectCharged, OutboxSender sender) {
        try (ExecutorService pool = Executors.newFixedThreadPool(parts.size(), Thread.ofPlatform().name("load-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            for (List<ChargeLoader.KeyRange> part : parts) {
                futures.add(pool.submit(() -> {
                    try {
                        loadRun(owner, uploadId, part, runs, expectCharged, sender, stop);
                    } catch (RuntimeException | Error e) {
                        stop.set(true); // the other sessions stop after their current range
                        throw e;
                    }
                }));
            }
            Futures.joinAll(futures, "loading upload " + uploadId); // the first failure cancels the rest
        }
    }

    private void loadRun(String owner, UUID uploadId, List<ChargeLoader.KeyRange> part, SortedRuns runs,
            boolean expectCharged, OutboxSender sender, AtomicBoolean stop) {
        for (ChargeLoader.KeyRange keyRange : part) {
            if (stop.get()) {
                return;
            }
            sender.check(); // SQS failing: stop loading, the import fails and is retried
            ChargeLoader.LoadedKeyRange loaded = loader.loadKeyRange(uploadId, owner, settings.lease(), keyRange,
                    runs::open, settings.debtIdsPerMessage(), expectCharged);
            long inserted = loaded.inserted();
            progress.keyRangeLoaded(uploadId, keyRange.rangeNo(), inserted);
            if (inserted > 0) {
                sender.submit(loaded.outbox());
            }
            deleteSent(sender); // between ranges, on this thread's connection: the sender needs none of its own
        }
    }

    /** Deletes the outbox rows the sender has sent so far, on the calling thread's connection turn. */
    private void deleteSent(OutboxSender sender) {
        List<Long> sent = sender.drainSent();
        if (!sent.isEmpty()) {
            outbox.delete(sent);
        }
    }
}
