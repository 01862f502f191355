package dev.cobranca.core.boleto;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a boleto is issued for.
 *
 * @param sequence a number unique per charge and stable across re-renders (the charge's {@code seq});
 *                 the nosso número is derived from it, so the same charge always gets the same boleto
 */
public record BoletoRequest(
        String debtId,
        long sequence,
        String payerName,
        String payerGovernmentId,
        BigDecimal amount,
        LocalDate dueDate) {
}
