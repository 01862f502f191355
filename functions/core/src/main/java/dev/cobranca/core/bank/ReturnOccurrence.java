package dev.cobranca.core.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One occurrence of a retorno (a segment T and its segment U).
 *
 * @param line              the line of the segment T
 * @param code              "código de movimento retorno", 2 digits
 * @param codeName          the bank's name for the code ("Entrada confirmada", ...)
 * @param amount            the title's face value (T)
 * @param paidAmount        valor pago pelo pagador (U); zero unless settled
 * @param tariff            tarifa/custas (T)
 * @param interest          juros/multa/encargos (U)
 * @param discount          desconto concedido (U)
 * @param occurrenceDate    data da ocorrência (U); null when blank or zeros
 * @param creditDate        data do crédito (U); null when blank or zeros
 * @param rejectionReasons  the non-blank, non-"00" 2-character reason codes of T pos 214-223
 */
public record ReturnOccurrence(int line, String nossoNumero, String documentNumber, String code, String codeName,
        OccurrenceKind kind, LocalDate dueDate, BigDecimal amount, BigDecimal paidAmount, BigDecimal tariff,
        BigDecimal interest, BigDecimal discount, LocalDate occurrenceDate, LocalDate creditDate,
        List<String> rejectionReasons) {

    public ReturnOccurrence {
        rejectionReasons = rejectionReasons == null ? List.of() : List.copyOf(rejectionReasons);
    }
}
