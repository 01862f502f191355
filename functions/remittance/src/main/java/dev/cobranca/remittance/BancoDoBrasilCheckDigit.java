package dev.cobranca.remittance;

/**
 * Banco do Brasil's check digit of an agency or account number: modulo 11, weights 9, 8, ... 2 from the rightmost
 * digit leftwards (repeating), remainder 10 written as X. Used when the configuration does not give the digit.
 */
final class BancoDoBrasilCheckDigit {

    private BancoDoBrasilCheckDigit() {
    }

    static String of(String digits) {
        int sum = 0;
        int weight = 9;
        for (int i = digits.length() - 1; i >= 0; i--) {
            sum += (digits.charAt(i) - '0') * weight;
            weight = weight == 2 ? 9 : weight - 1;
        }
        int rest = sum % 11;
        return rest == 10 ? "X" : Integer.toString(rest);
    }
}
