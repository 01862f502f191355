package dev.cobranca.core.boleto;

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
}
