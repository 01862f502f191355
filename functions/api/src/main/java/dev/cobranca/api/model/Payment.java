package dev.cobranca.api.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment the provider reports for a debt. */
public record Payment(String debtId, Instant paidAt, BigDecimal paidAmount, String paidBy) {

    /** The same payment: same instant, same amount (1.5 equals 1.50), same payer. */
    public boolean sameAs(Instant otherPaidAt, BigDecimal otherAmount, String otherPaidBy) {
        return paidAt.equals(otherPaidAt)
                && otherAmount != null && paidAmount.compareTo(otherAmount) == 0
                && paidBy.equals(otherPaidBy);
    }
}
