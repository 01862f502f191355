package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.cnab240.CnabText;
import dev.cobranca.core.boleto.Beneficiary;

/**
 * The beneficiary's identification as every Banco do Brasil header record repeats it, checked once.
 *
 * @param walletVariation "variação da carteira", 3 digits
 */
record BancoDoBrasilAccount(String companyDocument, String convenio, String wallet, String walletVariation,
        String agency, String agencyDigit, String account, String accountDigit, String companyName) {

    static BancoDoBrasilAccount of(Beneficiary b, String agencyDigit, String accountDigit, String walletVariation) {
        if (b == null) {
            throw new IllegalArgumentException("beneficiary is required");
        }
        if (!BancoDoBrasilLayout.BANK_CODE.equals(b.bankCode())) {
            throw new IllegalArgumentException("beneficiary bank code must be 001 (Banco do Brasil), was " + b.bankCode());
        }
        require("convênio", b.convenio(), 7, 7, "a 7-digit convênio");
        require("carteira", b.wallet(), 2, 2, "2 digits, e.g. 17");
        require("variação da carteira", walletVariation, 3, 3, "3 digits, e.g. 019");
        require("agency", b.agency(), 1, 5, "1 to 5 digits");
        require("account", b.account(), 1, 12, "1 to 12 digits");
        require("CNPJ", b.cnpj(), 14, 14, "14 digits");
        requireCheckDigit("agency", agencyDigit);
        requireCheckDigit("account", accountDigit);
        if (b.name() == null || b.name().isBlank()) {
            throw new IllegalArgumentException("beneficiary name is required: it goes in every header");
        }
        return new BancoDoBrasilAccount(b.cnpj(), b.convenio(), b.wallet(), walletVariation, b.agency(),
                agencyDigit.toUpperCase(), b.account(), accountDigit.toUpperCase(), b.name());
    }

    /** FEBRABAN "tipo de inscrição": 1 CPF, 2 CNPJ. */
    int documentType() {
        return companyDocument.length() <= 11 ? 1 : 2;
    }

    private static void require(String what, String value, int min, int max, String expected) {
        if (value == null || value.length() < min || value.length() > max || !CnabText.digits(value).equals(value)) {
            throw new IllegalArgumentException(what + " must be " + expected + ", was " + (value == null ? "missing" : "'" + value + "'"));
        }
    }

    private static void requireCheckDigit(String what, String digit) {
        if (digit == null || digit.length() != 1 || !(Character.isDigit(digit.charAt(0)) || digit.equalsIgnoreCase("X"))) {
            throw new IllegalArgumentException(what + " check digit must be one digit or X, was "
                    + (digit == null ? "missing" : "'" + digit + "'"));
        }
    }
}
