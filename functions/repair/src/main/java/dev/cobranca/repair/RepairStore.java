package dev.cobranca.repair;

import dev.cobranca.core.upload.UploadStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the database records as owed, and where the repair writes what it found. */
public interface RepairStore {

    /** The two queues a charge can wait on. */
    enum Stage {
        /** CREATED, waiting for its boleto (InvoiceRequested). */
        INVOICE,
        /** INVOICED, waiting for its e-mail (EmailRequested). */
        EMAIL
    }

    /** An upload whose import must be delivered again. */
    record UploadToImport(UUID uploadId, String bucket, String key, UploadStatus status) {
    }

    /** A charge waiting longer than the stale age with no work pending for it. */
    record StaleCharge(UUID uploadId, String debtId) {
    }

    /** Charges of one upload waiting longer than the stale age, by stage (re-enqueued or not). */
    record Waiting(long invoice, long email) {
    }

    /**
     * Uploads IMPORTING whose lease expired or was released (the invocation died or gave up), and uploads still
     * WAITING after {@code waitingAge} (their S3 event may be lost: the caller checks the object exists).
     */
    List<UploadToImport> importsToRestart(Duration waitingAge, int limit);

    /**
     * Where each IMPORTED upload stands now, and where it stood at the previous run ({@code previous} null when no run
     * looked at it yet).
     */
    Map<UUID, Progress> progress();

    /** An upload's charges CREATED and EMAILED. */
    record Counts(long created, long emailed) {
    }

    record Progress(Counts now, Counts previous) {
        /** Nothing moved the stage forward since the previous run (or no run looked yet). */
        public boolean idle(Stage stage) {
            if (previous == null) {
                return true;
            }
            return stage == Stage.INVOICE ? now.created() >= previous.created() : now.emailed() <= previous.emailed();
        }
    }

    /**
     * Charges of these uploads (IMPORTED: their import's outbox is drained) in the stage's state for longer than
     * {@code stale}, not claimed by a sender, and not enqueued again by the repair within {@code stale}; by upload.
     */
    List<StaleCharge> staleCharges(Stage stage, Collection<UUID> uploadIds, Duration stale, int limit);

    /** Records that these charges were enqueued again now. */
    void markRequeued(Collection<String> debtIds);

    /** Completes every IMPORTED upload none of whose charges waits any more; returns how many. */
    int completeDoneUploads();

    /** Per upload still under way, its charges waiting longer than {@code stale}. */
    Map<UUID, Waiting> waiting(Duration stale);

    /** FAILED charges of the uploads created within {@code window}, by reason (most frequent first). */
    Map<String, Long> failedByReason(Duration window);

    /** Uploads FAILED within {@code window}. */
    long failedUploads(Duration window);

    /** Stores the run's findings: the run itself, and per upload what waits. */
    void record(RepairReport report, Map<UUID, UploadFindings> perUpload);

    /** What one run found for one upload. */
    record UploadFindings(long waitingInvoice, long waitingEmail, long requeued, int importsRestarted, Counts counts) {
    }
}
