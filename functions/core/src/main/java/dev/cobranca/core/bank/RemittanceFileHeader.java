package dev.cobranca.core.bank;

import java.time.LocalDateTime;

/** The sender as a remessa's file and lot headers declare it (what a reader sees; strings are trimmed). */
public record RemittanceFileHeader(String bankCode, String companyDocument, String convenio, String wallet,
        String walletVariation, String agency, String agencyDigit, String account, String accountDigit,
        String companyName, long nsa, LocalDateTime generatedAt) {
}
