package dev.cobranca.api.response;

import dev.cobranca.api.model.MailAlert;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * 200 of {@code GET /uploads/{id}}.
 *
 * @param overwrites how many other files were PUT to the upload's URL after its import started (each recorded, none
 *                   imported: the import reads the version it started on)
 */
public record UploadView(
        UUID uploadId,
        String status,
        Rows rows,
        Charges charges,
        Bank bank,
        Instant createdAt,
        Instant importStartedAt,
        Instant importedAt,
        Instant completedAt,
        String rejectedReportUrl,
        String error,
        int overwrites,
        Stuck stuck,
        List<MailAlert> mailAlerts) {

    public record Rows(long total, long accepted, long rejected, long duplicate) {
    }

    public record Charges(long created, long invoiced, long emailed, long paid, long failed) {
    }

    /** The upload's charges that have a boleto, by bank status. */
    public record Bank(long notSent, long sent, long confirmed, long rejected, long settled, long writtenOff) {
    }

    /** What the last repair run found (null before any ran); deadLettered counts every upload's messages. */
    public record Stuck(long waitingInvoice, long waitingEmail, long requeued, long deadLettered, Instant lastRepairAt) {
    }
}
