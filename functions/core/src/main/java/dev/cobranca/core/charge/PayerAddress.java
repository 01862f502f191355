package dev.cobranca.core.charge;

/**
 * The payer's address from the upload's optional columns, as validated: any field may be null (the file lacks the
 * column, or the cell is blank). Values are kept whole; the CNAB remessa cuts them to its fields' widths.
 *
 * @param zipCode the CEP, 8 digits
 * @param state   the UF, 2 upper case letters
 */
public record PayerAddress(String address, String district, String zipCode, String city, String state) {
}
