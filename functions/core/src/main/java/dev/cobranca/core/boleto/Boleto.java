package dev.cobranca.core.boleto;

/**
 * An issued boleto: everything printed on it.
 *
 * @param barcode       the 44 digits encoded in the ITF barcode
 * @param digitableLine the 47 digits of the linha digitável, without punctuation
 * @param ourNumber     the nosso número as printed
 */
public record Boleto(
        BoletoRequest request,
        Beneficiary beneficiary,
        String barcode,
        String digitableLine,
        String ourNumber) {
}
