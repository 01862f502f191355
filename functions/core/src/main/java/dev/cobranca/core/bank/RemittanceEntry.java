package dev.cobranca.core.bank;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One title as read from a remessa (segments P and Q). A field whose characters do not parse is null (the
 * amount, the due date) or kept as written (strings, trimmed), so the bank side can reject the title with the
 * right reason instead of failing the file.
 *
 * @param line              the line of the segment P
 * @param command           "código de movimento remessa", 2 digits (01 = entrada de título)
 * @param payerDocumentType 1 CPF, 2 CNPJ, anything else as written (-1 when not a digit)
 */
public record RemittanceEntry(int line, String nossoNumero, String command, LocalDate dueDate, BigDecimal amount,
        String payerDocument, int payerDocumentType, String payerName, String documentNumber) {
}
