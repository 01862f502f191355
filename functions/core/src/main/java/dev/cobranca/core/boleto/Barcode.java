package dev.cobranca.core.boleto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 44 digits of a FEBRABAN boleto barcode, checked: bank (3), currency 9 (1), general check digit (1),
 * due-date factor (4), amount in cents (10) and the bank's campo livre (25).
 *
 * @param digits exactly 44 digits whose position 5 is the correct módulo 11 check digit
 */
public record Barcode(String digits) {

    /** Currency code of the real. */
    public static final char REAL = '9';
    /** The largest amount ten digits of cents hold. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

    public Barcode {
        if (digits == null || digits.length() != 44 || !isDigits(digits)) {
            throw new IllegalArgumentException("a boleto barcode has 44 digits, got: " + digits);
        }
        int expected = CheckDigits.barcodeDigit(digits.substring(0, 4) + digits.substring(5));
        if (digits.charAt(4) - '0' != expected) {
            throw new IllegalArgumentException(
                    "barcode check digit is " + digits.charAt(4) + " but should be " + expected + ": " + digits);
        }
    }

    /** Assembles a barcode in reais, computing its check digit. */
    public static Barcode of(String bankCode, int dueDateFactor, BigDecimal amount, String freeField) {
        if (bankCode == null || bankCode.length() != 3 || !isDigits(bankCode)) {
            throw new IllegalArgumentException("bank code must be 3 digits, got: " + bankCode);
        }
        if (dueDateFactor < 0 || dueDateFactor > 9999) {
            throw new IllegalArgumentException("due-date factor must be 0..9999, was " + dueDateFactor);
        }
        if (freeField == null || freeField.length() != 25 || !isDigits(freeField)) {
            throw new IllegalArgumentException("campo livre must be 25 digits, got: " + freeField);
        }
        String body = bankCode + REAL + "%04d%010d".formatted(dueDateFactor, cents(amount)) + freeField;
        int dv = CheckDigits.barcodeDigit(body);
        return new Barcode(body.substring(0, 4) + dv + body.substring(4));
    }

    /** Reads the barcode back out of a linha digitável (punctuation and spaces ignored), checking every check digit. */
    public static Barcode fromDigitableLine(String line) {
        return new Barcode(DigitableLine.toBarcode(line));
    }

    public String bankCode() {
        return digits.substring(0, 3);
    }

    public char currency() {
        return digits.charAt(3);
    }

    public int checkDigit() {
        return digits.charAt(4) - '0';
    }

    public int dueDateFactor() {
        return Integer.parseInt(digits, 5, 9, 10);
    }

    /** The amount in reais; zero when the boleto leaves the amount to the payer. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(Long.parseLong(digits, 9, 19, 10), 2);
    }

    public String freeField() {
        return digits.substring(19);
    }

    /** The due date, read relative to {@code reference} (see {@link DueDateFactor#toDate}); empty when there is none. */
    public Optional<LocalDate> dueDate(LocalDate reference) {
        return DueDateFactor.toDate(dueDateFactor(), reference);
    }

    /** The 47 digits of the linha digitável. */
    public String digitableLine() {
        return DigitableLine.fromBarcode(digits);
    }

    /** Cents of an amount in reais: more than zero, at most two decimals, at most {@link #MAX_AMOUNT}. */
    static long cents(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be more than zero, was " + amount);
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("amount must be at most 99,999,999.99 to fit a boleto, was " + amount);
        }
        try {
            return amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount must have at most two decimals, was " + amount, e);
        }
    }

    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
