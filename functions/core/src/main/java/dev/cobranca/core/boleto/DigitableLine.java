package dev.cobranca.core.boleto;

/**
 * The linha digitável: the barcode's 44 digits rearranged into five fields a person can type.
 * <pre>
 * field 1: bank, currency, campo livre 1-5, módulo-10 digit   (10)
 * field 2: campo livre 6-15, módulo-10 digit                  (11)
 * field 3: campo livre 16-25, módulo-10 digit                 (11)
 * field 4: the barcode's general check digit                  (1)
 * field 5: due-date factor and amount                         (14)
 * </pre>
 */
public final class DigitableLine {

    private DigitableLine() {
    }

    /** The 47 digits, without punctuation, of a (valid) 44-digit barcode. */
    public static String fromBarcode(String barcode) {
        String field1 = barcode.substring(0, 4) + barcode.substring(19, 24);
        String field2 = barcode.substring(24, 34);
        String field3 = barcode.substring(34, 44);
        return new StringBuilder(47)
                .append(field1).append(CheckDigits.mod10(field1))
                .append(field2).append(CheckDigits.mod10(field2))
                .append(field3).append(CheckDigits.mod10(field3))
                .append(barcode.charAt(4))
                .append(barcode, 5, 19)
                .toString();
    }

    /**
     * The barcode digits a linha digitável stands for. Spaces and dots are ignored; the three field check
     * digits must be right (the general one is checked by {@link Barcode}).
     */
    public static String toBarcode(String line) {
        if (line == null) {
            throw new IllegalArgumentException("linha digitável is missing");
        }
        String d = line.replace(".", "").replace(" ", "");
        if (d.length() != 47 || !Barcode.isDigits(d)) {
            throw new IllegalArgumentException("a linha digitável has 47 digits, got: " + line);
        }
        checkField(d, 0, 9, 1);
        checkField(d, 10, 20, 2);
        checkField(d, 21, 31, 3);
        return d.substring(0, 4) + d.charAt(32) + d.substring(33, 47)
                + d.substring(4, 9) + d.substring(10, 20) + d.substring(21, 31);
    }

    /** {@code 00190000090123456700401234567890123456789012345} as printed: {@code 00190.00009 01234.567004 ...}. */
    public static String format(String digits47) {
        if (digits47 == null || digits47.length() != 47) {
            throw new IllegalArgumentException("a linha digitável has 47 digits, got: " + digits47);
        }
        return digits47.substring(0, 5) + '.' + digits47.substring(5, 10) + ' '
                + digits47.substring(10, 15) + '.' + digits47.substring(15, 21) + ' '
                + digits47.substring(21, 26) + '.' + digits47.substring(26, 32) + ' '
                + digits47.charAt(32) + ' '
                + digits47.substring(33);
    }

    private static void checkField(String d, int from, int dvAt, int field) {
        int expected = CheckDigits.mod10(d.substring(from, dvAt));
        if (d.charAt(dvAt) - '0' != expected) {
            throw new IllegalArgumentException("field " + field + " of the linha digitável has check digit "
                    + d.charAt(dvAt) + " but should be " + expected);
        }
    }
}
