package dev.cobranca.api.model;

import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.log.Masking;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A charge as stored. {@link #toString()} masks the personal data, so a logged charge leaks nothing. */
public record Charge(
        long seq,
        String debtId,
        UUID uploadId,
        String name,
        String governmentId,
        String email,
        BigDecimal amount,
        LocalDate dueDate,
        ChargeStatus status,
        String barcode,
        String digitableLine,
        String invoiceKey,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant invoicedAt,
        Instant emailedAt,
        Instant paidAt,
        BigDecimal paidAmount,
        String paidBy,
        boolean paymentMismatch) {

    @Override
    public String toString() {
        return "Charge[debtId=" + debtId + ", seq=" + seq + ", status=" + status
                + ", governmentId=" + Masking.governmentId(governmentId) + ", email=" + Masking.email(email) + "]";
    }
}
