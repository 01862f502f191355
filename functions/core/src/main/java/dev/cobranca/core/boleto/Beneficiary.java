package dev.cobranca.core.boleto;

import dev.cobranca.core.config.Env;

/**
 * The company that issues the boletos (the "cedente"/"beneficiário"), from configuration.
 *
 * @param bankCode 3-digit FEBRABAN bank code, e.g. {@code 001} for Banco do Brasil
 * @param agency   agency number, digits only
 * @param account  account number, digits only
 * @param convenio the bank agreement number (Banco do Brasil: 7 digits)
 * @param wallet   carteira, e.g. {@code 17}
 * @param name     the beneficiary's legal name, printed on the boleto
 * @param cnpj     the beneficiary's CNPJ, digits only
 */
public record Beneficiary(
        String bankCode,
        String agency,
        String account,
        String convenio,
        String wallet,
        String name,
        String cnpj) {

    /** From {@code BOLETO_*} and {@code BENEFICIARY_*}: what the boletos print and the remessas carry. */
    public static Beneficiary fromEnv(Env vars) {
        String bankCode = vars.optional("BOLETO_BANK_CODE", "001");
        if (!"001".equals(bankCode)) {
            throw new IllegalArgumentException("BOLETO_BANK_CODE must be 001 (Banco do Brasil, the only bank issued for now), got '"
                    + bankCode + "'.");
        }
        return new Beneficiary(
                bankCode,
                vars.digits("BOLETO_AGENCY", 1, 4, "the agency number without its check digit, 1 to 4 digits"),
                vars.digits("BOLETO_ACCOUNT", 1, 8, "the account number without its check digit, 1 to 8 digits"),
                vars.digits("BOLETO_CONVENIO", 7, 7, "Banco do Brasil's 7-digit convênio"),
                vars.digits("BOLETO_WALLET", 2, 2, "the 2-digit carteira, e.g. 17"),
                vars.required("BENEFICIARY_NAME", "the beneficiary's legal name printed on every boleto"),
                vars.digits("BENEFICIARY_CNPJ", 14, 14, "the beneficiary's CNPJ, 14 digits without punctuation"));
    }
}
