package dev.cobranca.api.response;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * 200 of {@code POST /webhooks/payments}: the charge PAID.
 *
 * @param paymentMismatch the paid amount differs from the charge's amount (recorded all the same, for a person to look at)
 * @param replayed        this payment had been recorded before: nothing changed
 * @param inboxId         the webhook inbox row that keeps this call
 */
public record PaymentView(
        String debtId,
        String status,
        BigDecimal amount,
        Instant paidAt,
        BigDecimal paidAmount,
        String paidBy,
        boolean paymentMismatch,
        boolean replayed,
        long inboxId) {
}
