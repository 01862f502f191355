package dev.cobranca.repair;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one repair run did and found.
 *
 * @param waitingInvoice charges CREATED for longer than the stale age (after this run's re-enqueueing, they may
 *                       still be on their way)
 * @param waitingEmail   charges INVOICED for longer than the stale age
 * @param deadLettered   messages in each dead-letter queue
 * @param errors         what failed in this run (the run does the rest, then fails)
 */
public record RepairReport(
        Instant startedAt,
        int importsRestarted,
        long invoicesRequeued,
        long emailsRequeued,
        int uploadsCompleted,
        long waitingInvoice,
        long waitingEmail,
        Map<String, Long> deadLettered,
        Map<String, Long> failedByReason,
        long uploadsFailed,
        List<String> errors) {

    public RepairReport {
        deadLettered = Map.copyOf(deadLettered);
        failedByReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failedByReason));
        errors = List.copyOf(errors);
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }
}
