package dev.cobranca.core.bank;

/**
 * The debtor (the "pagador") as a remessa registers it. Address fields may be null or blank: they are written
 * as spaces (and the local bank, like Banco do Brasil for registered titles, accepts them).
 *
 * @param document CPF (11 digits) or CNPJ (14 digits), digits only
 */
public record Payer(String document, String name, String address, String district, String zipCode, String city,
        String state) {

    /** FEBRABAN "tipo de inscrição": 1 CPF (up to 11 digits), 2 CNPJ. */
    public int documentType() {
        return document != null && document.length() <= 11 ? 1 : 2;
    }
}
