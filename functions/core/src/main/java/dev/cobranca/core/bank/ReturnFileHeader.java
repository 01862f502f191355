package dev.cobranca.core.bank;

import dev.cobranca.core.boleto.Beneficiary;
import java.time.LocalDateTime;

/** What a retorno writer puts in the file and lot headers (the bank echoes the beneficiary's account). */
public record ReturnFileHeader(Beneficiary beneficiary, String agencyDigit, String accountDigit,
        String walletVariation, long nsa, LocalDateTime generatedAt) {
}
