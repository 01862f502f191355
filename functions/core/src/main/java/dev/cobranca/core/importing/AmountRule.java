package dev.cobranca.core.importing;

import java.math.BigDecimal;
import java.util.List;

/** The rule of the debtAmount column: a plain decimal with '.', above 0, at most 2 decimals and {@link DebtValidator#MAX_AMOUNT}. */
final class AmountRule {

    /** Digits before the point of {@link DebtValidator#MAX_AMOUNT}: checked on the text, before anything parses it. */
    private static final int MAX_AMOUNT_INTEGER_DIGITS = 8;

    private AmountRule() {
    }

    static BigDecimal amount(String text, List<String> problems) {
        if (text.isEmpty()) {
            problems.add("debtAmount is empty");
            return null;
        }
        if (!isDecimal(text)) {
            problems.add(text.startsWith("-")
                    ? "debtAmount must be greater than 0"
                    : "debtAmount must be a decimal number with '.' as separator (e.g. 1500.00)");
            return null;
        }
        // the digits are counted before anything parses them: a row may hold thousands of digits
        int dot = text.indexOf('.');
        int integerEnd = dot < 0 ? text.length() : dot;
        int integerStart = 0;
        while (integerStart < integerEnd - 1 && text.charAt(integerStart) == '0') {
            integerStart++;
        }
        if (dot >= 0 && text.length() - dot - 1 > 2) {
            problems.add("debtAmount has more than 2 decimals");
            return null;
        }
        if (integerEnd - integerStart > MAX_AMOUNT_INTEGER_DIGITS) {
            problems.add("debtAmount is above 99999999.99");
            return null;
        }
        BigDecimal amount = new BigDecimal(text.substring(integerStart));
        if (amount.signum() <= 0) {
            problems.add("debtAmount must be greater than 0");
        } else if (amount.compareTo(DebtValidator.MAX_AMOUNT) > 0) {
            problems.add("debtAmount is above 99999999.99");
        } else {
            return amount;
        }
        return null;
    }

    /** {@code \d+(\.\d+)?} */
    private static boolean isDecimal(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? TextScans.allDigits(s, 0, s.length()) : TextScans.allDigits(s, 0, dot) && TextScans.allDigits(s, dot + 1, s.length());
    }
}
