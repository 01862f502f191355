package dev.cobranca.core.bank;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One title of a remessa.
 *
 * @param nossoNumero    the bank's id of the title (BB 7-digit convênio: 17 digits = convênio + 10-digit complemento)
 * @param documentNumber the "seu número" (our id, the debtId), cut and sanitised to the 15-position field by the writer
 */
public record RemittanceTitle(String nossoNumero, String documentNumber, LocalDate dueDate, BigDecimal amount,
        LocalDate issueDate, Payer payer) {
}
