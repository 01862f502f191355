package dev.cobranca.email;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The charges as the e-mail function sees them. Sending is claim → send → mark: the claim is a lease that only an
 * INVOICED charge nobody else holds can take, so two deliveries of one message never both send.
 */
public interface ChargeStore {

    /**
     * Claims, for {@code lease}, those of these charges that are INVOICED and not claimed by someone else (or whose
     * claim expired).
     *
     * @return the charges claimed now; the others are skipped (already e-mailed, failed, paid, or being sent)
     */
    List<ClaimedCharge> claim(Collection<String> debtIds, UUID token, Duration lease);

    /** INVOICED → EMAILED, right after the server accepted the e-mail. */
    void markEmailed(String debtId);

    /** INVOICED → FAILED with the reason (no personal data in it). */
    void markFailed(String debtId, String reason);

    /** Gives back the claims this token still holds on these charges, so a retry can take them at once. */
    void release(Collection<String> debtIds, UUID token);

    /** Completes the uploads none of whose charges still waits (see {@code UploadCompletion}). */
    void completeUploadsIfDone(Set<UUID> uploadIds);

    record ClaimedCharge(String debtId, UUID uploadId, String name, String email, BigDecimal amount,
                         LocalDate dueDate, String digitableLine, String invoiceKey) {
        @Override
        public String toString() {
            return "ClaimedCharge[debtId=" + debtId + ", uploadId=" + uploadId + ", email="
                    + dev.cobranca.core.log.Masking.email(email) + "]";
        }
    }
}
