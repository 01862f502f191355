package dev.cobranca.core.bank;

import dev.cobranca.core.boleto.Beneficiary;
import java.time.LocalDateTime;

/**
 * What a remessa says about its sender, once per file.
 *
 * @param agencyDigit     the agency's check digit (BB: a digit or X)
 * @param accountDigit    the account's check digit (BB: a digit or X)
 * @param walletVariation BB's "variação da carteira", 3 digits (e.g. 019)
 * @param nsa             número sequencial do arquivo: strictly increasing per convênio
 */
public record RemittanceHeader(Beneficiary beneficiary, String agencyDigit, String accountDigit,
        String walletVariation, long nsa, LocalDateTime generatedAt, TitleTerms terms) {
}
