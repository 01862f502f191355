package dev.cobranca.core.boleto;

/** The check-digit rules of the FEBRABAN boleto ("módulo 10" and "módulo 11"). */
public final class CheckDigits {

    private CheckDigits() {
    }

    /**
     * Módulo 10 of the linha digitável fields: digits weighted 2, 1, 2, 1… from the right, the digits of
     * each product summed (so 14 counts 1 + 4), and the digit that takes the sum to the next multiple of 10.
     */
    public static int mod10(CharSequence digits) {
        int sum = 0;
        int weight = 2;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int product = digit(digits, i) * weight;
            sum += product > 9 ? product - 9 : product;
            weight = 3 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** The plain módulo 11 sum: digits weighted 2…9 from the right, repeating; returns {@code sum % 11}. */
    public static int mod11Remainder(CharSequence digits) {
        int sum = 0;
        int weight = 2;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += digit(digits, i) * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        return sum % 11;
    }

    /**
     * The barcode's general check digit (DAC, position 5): módulo 11 of the other 43 digits, where a
     * result of 0, 10 or 11 becomes 1, so the digit is never 0.
     */
    public static int barcodeDigit(CharSequence digits43) {
        int dv = 11 - mod11Remainder(digits43);
        return dv == 0 || dv == 10 || dv == 11 ? 1 : dv;
    }

    private static int digit(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit at position " + (i + 1) + ": '" + c + "'");
        }
        return c - '0';
    }
}
