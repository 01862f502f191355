package dev.cobranca.repair;

import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.repair.RepairStore.Stage;
import dev.cobranca.repair.RepairStore.StaleCharge;
import dev.cobranca.repair.RepairStore.UploadFindings;
import dev.cobranca.repair.RepairStore.UploadToImport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repair run: brings forward every unfinished thing the database records as owed, idempotently, and counts
 * what it cannot repair. An import whose invocation died is delivered to the import again (it resumes after its
 * last committed key range); charges waiting too long with no work pending are enqueued again (the consumers skip
 * what is done, so a copy of a message that was only slow is harmless); uploads whose last charge moved without
 * completing them are completed. Each step runs even when another failed; the run then fails, so the function's
 * error alarm sees it.
 */
public final class RepairService {

    private static final Logger LOG = LoggerFactory.getLogger(RepairService.class);
    /** As the import writes them: about 1,000 boletos per invoice invocation (BatchSize 2). */
    static final int INVOICE_MESSAGE_DEBT_IDS = 500;
    /** As the invoice function writes them: SMTP is the slow stage, so e-mail work is spread thinner. */
    static final int EMAIL_MESSAGE_DEBT_IDS = 100;
    private static final int MAX_IMPORTS_PER_RUN = 20;
    /** FAILED charges and uploads are reported for this long after the upload. */
    private static final Duration REPORT_WINDOW = Duration.ofDays(7);

    private final RepairStore store;
    private final UploadObjects objects;
    private final ImportTrigger imports;
    private final MessagePublisher invoiceQueue;
    private final MessagePublisher emailQueue;
    private final DeadLetters deadLetters;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param stale      how long a charge may wait in one state before it is taken for lost
     * @param maxCharges charges enqueued again per stage and run
     */
    public record Settings(Duration stale, int maxCharges) {
    }

    public RepairService(RepairStore store, UploadObjects objects, ImportTrigger imports, MessagePublisher invoiceQueue,
                         MessagePublisher emailQueue, DeadLetters deadLetters, Settings settings, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.imports = imports;
        this.invoiceQueue = invoiceQueue;
        this.emailQueue = emailQueue;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.clock = clock;
    }

    public RepairReport run() {
        Instant started = clock.instant();
        List<String> errors = new ArrayList<>();
        Map<UUID, Integer> restarted = new HashMap<>();
        Map<UUID, Long> requeued = new HashMap<>();

        int completed = step("completing uploads", errors, store::completeDoneUploads, 0);
        step("restarting imports", errors, () -> restartImports(restarted), 0);
        Map<UUID, RepairStore.Progress> progress = step("reading progress", errors, store::progress, Map.of());
        long invoices = step("re-enqueueing invoices", errors,
                () -> requeue(Stage.INVOICE, idle(progress, Stage.INVOICE), invoiceQueue, requeued), 0L);
        long emails = step("re-enqueueing e-mails", errors,
                () -> requeue(Stage.EMAIL, idle(progress, Stage.EMAIL), emailQueue, requeued), 0L);
        Map<UUID, RepairStore.Waiting> waiting = step("counting waiting charges", errors,
                () -> store.waiting(settings.stale()), Map.of());
        Map<String, Long> dead = step("counting dead-lettered messages", errors, deadLetters::depths, Map.of());
        Map<String, Long> failed = step("counting failed charges", errors, () -> store.failedByReason(REPORT_WINDOW), Map.of());
        long failedUploads = step("counting failed uploads", errors, () -> store.failedUploads(REPORT_WINDOW), 0L);

        RepairReport report = new RepairReport(started, restarted.size(), invoices, emails, completed,
                waiting.values().stream().mapToLong(RepairStore.Waiting::invoice).sum(),
                waiting.values().stream().mapToLong(RepairStore.Waiting::email).sum(),
                dead, failed, failedUploads, errors);
        Map<UUID, UploadFindings> perUpload = new LinkedHashMap<>();
        for (UUID id : union(waiting.keySet(), restarted.keySet(), requeued.keySet(), progress.keySet())) {
            RepairStore.Waiting w = waiting.getOrDefault(id, new RepairStore.Waiting(0, 0));
            RepairStore.Progress p = progress.get(id);
            perUpload.put(id, new UploadFindings(w.invoice(), w.email(), requeued.getOrDefault(id, 0L),
                    restarted.getOrDefault(id, 0), p == null ? null : p.now()));
        }
        step("recording the findings", errors, () -> {
            store.record(report, perUpload);
            return null;
        }, null);
        if (!errors.isEmpty()) {
            throw new RepairFailedException(report);
        }
        return report;
    }

    private int restartImports(Map<UUID, Integer> restarted) {
        for (UploadToImport upload : store.importsToRestart(settings.stale(), MAX_IMPORTS_PER_RUN)) {
            Optional<ImportTrigger.UploadObject> object = objects.head(upload.bucket(), upload.key());
            if (object.isEmpty() && upload.status() == UploadStatus.WAITING) {
                continue; // nothing was uploaded (yet): the presigned URL may still be used, or expire unused
            }
            // an IMPORTING upload whose object is gone is delivered all the same: the import then fails it, visibly
            imports.deliver(object.orElse(new ImportTrigger.UploadObject(upload.bucket(), upload.key(), null, 0)));
            restarted.merge(upload.uploadId(), 1, Integer::sum);
            LOG.info("upload {} ({}, {}): import delivered again", upload.uploadId(), upload.status(), upload.key());
        }
        return restarted.size();
    }

    /**
     * Uploads on which nothing moved the stage forward for a whole run: their waiting charges are lost, not queued
     * behind others (a million-row upload's e-mails may wait longer than the stale age and still be on their way).
     */
    private static List<UUID> idle(Map<UUID, RepairStore.Progress> progress, Stage stage) {
        return progress.entrySet().stream().filter(e -> e.getValue().idle(stage)).map(Map.Entry::getKey).toList();
    }

    /** Enqueues the stage's stale charges again, in messages as the pipeline writes them, then records it. */
    private long requeue(Stage stage, List<UUID> uploads, MessagePublisher queue, Map<UUID, Long> requeued) {
        if (uploads.isEmpty()) {
            return 0;
        }
        List<StaleCharge> stale = store.staleCharges(stage, uploads, settings.stale(), settings.maxCharges());
        if (stale.isEmpty()) {
            return 0;
        }
        int perMessage = stage == Stage.INVOICE ? INVOICE_MESSAGE_DEBT_IDS : EMAIL_MESSAGE_DEBT_IDS;
        Map<UUID, List<String>> byUpload = new LinkedHashMap<>();
        for (StaleCharge c : stale) {
            byUpload.computeIfAbsent(c.uploadId(), id -> new ArrayList<>()).add(c.debtId());
        }
        List<String> bodies = new ArrayList<>();
        List<String> all = new ArrayList<>();
        byUpload.forEach((uploadId, debtIds) -> {
            for (int from = 0; from < debtIds.size(); from += perMessage) {
                List<String> part = debtIds.subList(from, Math.min(debtIds.size(), from + perMessage));
                bodies.add(MessageCodec.encode(stage == Stage.INVOICE
                        ? new InvoiceRequested(uploadId, part) : new EmailRequested(uploadId, part)));
            }
            all.addAll(debtIds);
            requeued.merge(uploadId, (long) debtIds.size(), Long::sum);
            LOG.info("upload {}: {} charge(s) waiting too long for {}; enqueued again", uploadId, debtIds.size(),
                    stage == Stage.INVOICE ? "a boleto" : "an e-mail");
        });
        // sent before marked: a crash in between costs one more copy at the next run, never a lost charge
        queue.publish(bodies);
        store.markRequeued(all);
        return all.size();
    }

    private static <T> T step(String what, List<String> errors, Supplier<T> work, T fallback) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            LOG.error("repair: {} failed: {}", what, e.toString(), e);
            errors.add(what + ": " + e.getMessage());
            return fallback;
        }
    }

    @SafeVarargs
    private static List<UUID> union(java.util.Set<UUID>... sets) {
        java.util.LinkedHashSet<UUID> all = new java.util.LinkedHashSet<>();
        for (java.util.Set<UUID> s : sets) {
            all.addAll(s);
        }
        return new ArrayList<>(all);
    }

    /** The run did what it could, and some of it failed. */
    public static final class RepairFailedException extends RuntimeException {
        private final transient RepairReport report;

        public RepairFailedException(RepairReport report) {
            super("repair run incomplete: " + String.join("; ", report.errors()));
            this.report = report;
        }

        public RepairReport report() {
            return report;
        }
    }
}
