package dev.cobranca.core.boleto;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a boleto is issued for.
 *
 * @param sequence    a number unique per charge and stable across re-renders (the charge's {@code seq});
 *                    the nosso número is derived from it, so the same charge always gets the same boleto
 * @param dueDate     the boleto's due date: in the barcode, the linha digitável, the remessa and the PDF
 * @param debtDueDate the debt's own due date, printed as a reference when it differs (an overdue debt gets a boleto
 *                    due a few days ahead so that it can still be paid)
 */
public record BoletoRequest(
        String debtId,
        long sequence,
        String payerName,
        String payerGovernmentId,
        BigDecimal amount,
        LocalDate dueDate,
        LocalDate debtDueDate) {

    /** A boleto due when the debt is. */
    public BoletoRequest(String debtId, long sequence, String payerName, String payerGovernmentId, BigDecimal amount,
                         LocalDate dueDate) {
        this(debtId, sequence, payerName, payerGovernmentId, amount, dueDate, dueDate);
    }

    /** True when the boleto is due on another day than the debt (the debt was overdue when invoiced). */
    public boolean dueDateMoved() {
        return debtDueDate != null && dueDate != null && !debtDueDate.equals(dueDate);
    }
}
