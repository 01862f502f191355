package dev.cobranca.core.importing;

/** CPF (11 digits) and CNPJ (14 digits) check digits: the validator's strict mode, the local bank, sample data. */
public final class GovernmentIds {

    private GovernmentIds() {
    }

    /** @param digits digits only; other lengths are never valid */
    public static boolean hasValidCheckDigits(String digits) {
        return switch (digits.length()) {
            case 11 -> !allSame(digits)
                    && checkDigit(digits, 9, 10) == digits.charAt(9) - '0'
                    && checkDigit(digits, 10, 11) == digits.charAt(10) - '0';
            case 14 -> !allSame(digits)
                    && cnpjDigit(digits, 12) == digits.charAt(12) - '0'
                    && cnpjDigit(digits, 13) == digits.charAt(13) - '0';
            default -> false;
        };
    }

    /** @param nineDigits a CPF's base; answers it with its two check digits (sample data and fixtures make valid ones) */
    public static String withCpfCheckDigits(String nineDigits) {
        String ten = nineDigits + checkDigit(nineDigits, 9, 10);
        return ten + checkDigit(ten, 10, 11);
    }

    private static int checkDigit(String d, int count, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (d.charAt(i) - '0') * (firstWeight - i);
        }
        int r = sum * 10 % 11;
        return r == 10 ? 0 : r;
    }

    private static int cnpjDigit(String d, int count) {
        int sum = 0;
        int weight = count - 7; // weights run 5..2 then 9..2 (first digit), 6..2 then 9..2 (second)
        for (int i = 0; i < count; i++) {
            sum += (d.charAt(i) - '0') * weight;
            weight = weight == 2 ? 9 : weight - 1;
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    private static boolean allSame(String d) {
        return d.chars().allMatch(c -> c == d.charAt(0));
    }
}
