package dev.cobranca.core.importing;

import dev.cobranca.core.charge.PayerAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of the optional address columns. Light on purpose: a debt is real with a partial or unusual address, so
 * only what the bank cannot take is refused. A CEP must be 8 digits ({@code 01310-100} and {@code 01.310-100} are
 * typed too); a UF one of the 27; no value may hold a control character (it would reach the remessa, the PDF and the
 * e-mail). Address, district and city are kept whole up to {@link DebtValidator#MAX_ADDRESS_LENGTH}: the remessa's
 * segment Q holds 40, 15 and 15 characters and cuts them there (real city names, "São José dos Campos", run longer
 * than 15; refusing the debt for it would help no one).
 */
final class PayerAddressRules {

    private static final Set<String> UFS = Set.of("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT",
            "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO");

    private PayerAddressRules() {
    }

    /** @return the row's address, or null when all its address cells are blank */
    static PayerAddress address(String[] cells, CsvHeader header, List<String> problems) {
        String address = text(cells, header, DebtColumn.ADDRESS, problems);
        String district = text(cells, header, DebtColumn.DISTRICT, problems);
        String city = text(cells, header, DebtColumn.CITY, problems);
        String zipCode = zipCode(cell(cells, header, DebtColumn.ZIP_CODE), problems);
        String state = state(cell(cells, header, DebtColumn.STATE), problems);
        if (address == null && district == null && city == null && zipCode == null && state == null) {
            return null;
        }
        return new PayerAddress(address, district, zipCode, city, state);
    }

    /** The stripped cell, or null when the file lacks the column or the cell is blank. */
    private static String cell(String[] cells, CsvHeader header, DebtColumn column) {
        int index = header.index(column);
        if (index < 0 || index >= cells.length || cells[index] == null) {
            return null;
        }
        String value = cells[index].strip();
        return value.isEmpty() ? null : value;
    }

    private static String text(String[] cells, CsvHeader header, DebtColumn column, List<String> problems) {
        String value = cell(cells, header, column);
        if (value == null) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > DebtValidator.MAX_ADDRESS_LENGTH) {
            problems.add(column.header() + " is longer than " + DebtValidator.MAX_ADDRESS_LENGTH + " characters");
        } else if (TextScans.hasControl(value)) {
            problems.add(column.header() + " contains a control character");
        }
        return value;
    }

    private static String zipCode(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        String digits = value.replace("-", "").replace(".", "");
        if (digits.length() != 8 || !TextScans.allDigits(digits, 0, 8)) {
            problems.add("zipCode must be a CEP of 8 digits (e.g. 01310-100)");
            return null;
        }
        return digits;
    }

    private static String state(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        String uf = value.toUpperCase(Locale.ROOT);
        if (!UFS.contains(uf)) {
            problems.add("state must be the 2-letter code of a Brazilian state (UF, e.g. SP)");
            return null;
        }
        return uf;
    }
}
