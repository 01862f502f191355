package dev.cobranca.api.model;

import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.upload.UploadStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An upload as the import left it, with its charges counted by status (missing statuses count 0).
 *
 * @param overwrites later versions of the object PUT after its import started: recorded, not imported
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
        int overwrites) {

    public UploadProgress {
        charges = Map.copyOf(charges);
    }

    public long charges(ChargeStatus status) {
        return charges.getOrDefault(status, 0L);
    }
}
