package dev.cobranca.api.response;

import dev.cobranca.api.model.Charge;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A charge in responses. Government id and e-mail are returned as stored: this is the owner's API;
 * they are masked only where they could reach a log. The invoice URL is added by {@link ChargeDetail} only:
 * presigning every item of a list would be wasted work.
 */
public record ChargeView(
        String debtId,
        UUID uploadId,
        String name,
        String governmentId,
        String email,
        BigDecimal amount,
        LocalDate dueDate,
        String status,
        String barcode,
        String digitableLine,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant invoicedAt,
        Instant emailedAt,
        Instant paidAt,
        BigDecimal paidAmount,
        String paidBy,
        boolean paymentMismatch) {

    public static ChargeView of(Charge c) {
        return new ChargeView(c.debtId(), c.uploadId(), c.name(), c.governmentId(), c.email(), c.amount(), c.dueDate(),
                c.status().name(), c.barcode(), c.digitableLine(), c.attempts(), c.lastError(), c.createdAt(),
                c.invoicedAt(), c.emailedAt(), c.paidAt(), c.paidAmount(), c.paidBy(), c.paymentMismatch());
    }

    @Override
    public String toString() {
        return "ChargeView[debtId=" + debtId + ", status=" + status + "]";
    }
}
