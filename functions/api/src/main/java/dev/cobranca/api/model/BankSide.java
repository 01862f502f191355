package dev.cobranca.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A charge at the bank: its registration status beside the pipeline's, the boleto's own due date (an overdue debt's
 * boleto is due later), and every occurrence the bank's retornos reported for it, oldest first.
 *
 * @param remittanceNsa the NSA of the remessa the title went in; null while not sent
 * @param bankReasons   the bank's latest refusal, codes with their meaning
 * @param bankMismatch  where the bank disagrees with what we had (another paid amount, a second settlement)
 */
public record BankSide(
        String bankStatus,
        String nossoNumero,
        LocalDate boletoDueDate,
        Long remittanceNsa,
        LocalDate creditDate,
        BigDecimal bankTariff,
        String bankReasons,
        String bankMismatch,
        List<Event> bankEvents) {

    public BankSide {
        bankEvents = List.copyOf(bankEvents);
    }

    /** One occurrence of a retorno. @param reasons the bank's reason codes with their meaning */
    public record Event(String code, String name, String kind, LocalDate occurrenceDate, LocalDate creditDate,
                        BigDecimal amount, BigDecimal paidAmount, BigDecimal tariff, List<String> reasons,
                        String returnFile, int line, Instant receivedAt) {
    }
}
