package dev.cobranca.core.bank;

import java.math.BigDecimal;

/**
 * Totals of a remessa.
 *
 * @param titles      titles written (or read)
 * @param records     every record of the file, headers and trailers included (the file trailer's count)
 * @param totalAmount the sum of the titles' amounts
 */
public record RemittanceSummary(long titles, long records, BigDecimal totalAmount) {
}
