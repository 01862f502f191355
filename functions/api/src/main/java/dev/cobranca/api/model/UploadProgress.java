package dev.cobranca.api.model;

import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.upload.UploadStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An upload as the import left it, with its charges counted by status (missing statuses count 0), and what the
 * repair found ({@code stuck}: null until a repair ran).
 */
public record UploadProgress(
        UUID id,
        UploadStatus status,
        long rowsTotal,
        long rowsAccepted,
        long rowsRejected,
        long rowsDuplicate,
        Map<ChargeStatus, Long> charges,
        Instant createdAt,
        Instant importStartedAt,
        Instant importedAt,
        Instant completedAt,
        String rejectedReportKey,
        String error,
        Stuck stuck) {

    public UploadProgress {
        charges = Map.copyOf(charges);
    }

    public UploadProgress(UUID id, UploadStatus status, long rowsTotal, long rowsAccepted, long rowsRejected,
                          long rowsDuplicate, Map<ChargeStatus, Long> charges, Instant createdAt, Instant importStartedAt,
                          Instant importedAt, Instant completedAt, String rejectedReportKey, String error) {
        this(id, status, rowsTotal, rowsAccepted, rowsRejected, rowsDuplicate, charges, createdAt, importStartedAt,
                importedAt, completedAt, rejectedReportKey, error, null);
    }

    /**
     * The last repair run's findings: this upload's charges waiting longer than the repair's stale age, how many the
     * repair enqueued again over all runs, and the messages in the dead-letter queues (all uploads').
     */
    public record Stuck(long waitingInvoice, long waitingEmail, long requeued, long deadLettered, Instant lastRepairAt) {
    }

    public long charges(ChargeStatus status) {
        return charges.getOrDefault(status, 0L);
    }
}
