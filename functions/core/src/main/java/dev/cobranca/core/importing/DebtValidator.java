package dev.cobranca.core.importing;

import dev.cobranca.core.boleto.DueDateFactor;
import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.charge.PayerAddress;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules of the input file. Every broken rule of a row is reported, not just the first.
 * Government ids are checked for shape only unless strict, because real files carry 4-digit ids.
 *
 * <p>A row that passes is one every later stage can carry: the database (no year 0), the boleto (a due date with a
 * FEBRABAN factor), the bucket (the debtId names {@code invoices/{debtId}.pdf}), the e-mail and the PDF (no control
 * characters in a name). One bad value costs its row, never the file.
 */
public final class DebtValidator {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_GOVERNMENT_ID_DIGITS = 14;
    public static final int MAX_DEBT_ID_LENGTH = 64;
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");
    /** The longest address, district or city kept: the remessa cuts them to its fields, the rest of us keep them whole. */
    public static final int MAX_ADDRESS_LENGTH = 200;
    /** Digits before the point of {@link #MAX_AMOUNT}: checked on the text, before anything parses it. */
    private static final int MAX_AMOUNT_INTEGER_DIGITS = 8;

    /**
     * The earliest due date accepted: 2000-07-03, factor 1000 of the first FEBRABAN cycle, the first date a boleto can
     * carry. Past dates are valid (overdue debts) back to it.
     */
    public static final LocalDate EARLIEST_DUE_DATE = DueDateFactor.FIRST;
    /**
     * The latest due date accepted: 2049-10-13, factor 9999 of the current cycle (the count restarted at 1000 on
     * 2025-02-22 and repeats every 9000 days). A later date falls in a cycle not begun, where a factor would read back
     * as a date 9000 days earlier.
     */
    public static final LocalDate LATEST_DUE_DATE = LocalDate.of(2025, 2, 22).plusDays(8_999);

    private static final Pattern GOVERNMENT_ID_SEPARATORS = Pattern.compile("[./-]");

    private final boolean strictGovernmentId;
    private final LocalDate earliestDueDate;
    private final LocalDate latestDueDate;

    /** @param strictGovernmentId also reject CPFs (11 digits) and CNPJs (14 digits) whose check digits are wrong */
    public DebtValidator(boolean strictGovernmentId) {
        this(strictGovernmentId, EARLIEST_DUE_DATE, LATEST_DUE_DATE);
    }

    /**
     * Other due-date bounds than {@link #EARLIEST_DUE_DATE} and {@link #LATEST_DUE_DATE}: for tests that need a row
     * the validator passes and the database refuses.
     */
    public DebtValidator(boolean strictGovernmentId, LocalDate earliestDueDate, LocalDate latestDueDate) {
        this.strictGovernmentId = strictGovernmentId;
        this.earliestDueDate = earliestDueDate;
        this.latestDueDate = latestDueDate;
    }

    public DebtValidator() {
        this(false);
    }

    /**
     * @param line  the row's line in the file
     * @param cells the row's cells, in file order
     * @param text  the row as it appears in the file (for the report)
     */
    public RowOutcome validate(long line, String[] cells, CsvHeader header, String text) {
        List<String> problems = new ArrayList<>(2);
        if (cells.length > header.width() && !blankFrom(cells, header.width())) {
            problems.add("the row has " + cells.length + " columns, the header " + header.width());
        }
        String name = cell(cells, header, DebtColumn.NAME, problems);
        String governmentId = cell(cells, header, DebtColumn.GOVERNMENT_ID, problems);
        String email = cell(cells, header, DebtColumn.EMAIL, problems);
        String amountText = cell(cells, header, DebtColumn.DEBT_AMOUNT, problems);
        String dateText = cell(cells, header, DebtColumn.DEBT_DUE_DATE, problems);
        String debtId = cell(cells, header, DebtColumn.DEBT_ID, problems);
        if (!problems.isEmpty()) {
            return new RowOutcome.Rejected(line, String.join("; ", problems), text);
        }
        name = name.strip();
        checkName(name, problems);
        governmentId = governmentId.strip();
        if (hasSeparator(governmentId)) {
            governmentId = GOVERNMENT_ID_SEPARATORS.matcher(governmentId).replaceAll("");
        }
        checkGovernmentId(governmentId, problems);
        email = email.strip();
        checkEmail(email, problems);
        BigDecimal amount = amount(amountText.strip(), problems);
        LocalDate dueDate = date(dateText.strip(), problems);
        if (dueDate != null && (dueDate.isBefore(earliestDueDate) || dueDate.isAfter(latestDueDate))) {
            problems.add("debtDueDate must be between " + earliestDueDate + " and " + latestDueDate
                    + " (the dates a boleto's due-date factor can carry)");
        }
        debtId = debtId.strip();
        checkDebtId(debtId, problems);
        PayerAddress address = header.hasAddress() ? PayerAddressRules.address(cells, header, problems) : null;
        if (!problems.isEmpty()) {
            return new RowOutcome.Rejected(line, String.join("; ", problems), text);
        }
        return new RowOutcome.Accepted(line, new Debt(name, governmentId, email, amount, dueDate, debtId, address));
    }

    private static String cell(String[] cells, CsvHeader header, DebtColumn column, List<String> problems) {
        int index = header.index(column);
        if (index >= cells.length) {
            if (problems.isEmpty()) {
                problems.add("the row has " + cells.length + " columns, the header " + header.width());
            }
            return null;
        }
        return cells[index] == null ? "" : cells[index];
    }

    private static boolean blankFrom(String[] cells, int from) {
        for (int i = from; i < cells.length; i++) {
            if (cells[i] != null && !cells[i].isBlank()) {
                return false;
            }
        }
        return true; // trailing commas (spreadsheet exports) add empty cells, nothing else
    }

    private static void checkName(String name, List<String> problems) {
        if (name.isEmpty()) {
            problems.add("name is empty");
        } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problems.add("name is longer than " + MAX_NAME_LENGTH + " characters");
        } else if (hasControl(name)) {
            // a tab, line break or NUL would go into the e-mail, the PDF and the bank's remessa
            problems.add("name contains a control character");
        }
    }

    private void checkGovernmentId(String digits, List<String> problems) {
        if (digits.isEmpty()) {
            problems.add("governmentId is empty");
        } else if (!allDigits(digits, 0, digits.length())) {
            problems.add("governmentId must hold only digits (and . - /)");
        } else if (digits.length() > MAX_GOVERNMENT_ID_DIGITS) {
            problems.add("governmentId has more than " + MAX_GOVERNMENT_ID_DIGITS + " digits");
        } else if (strictGovernmentId && !GovernmentIds.hasValidCheckDigits(digits)) {
            problems.add("governmentId is not a valid CPF or CNPJ");
        }
    }

    private static void checkEmail(String email, List<String> problems) {
        if (email.isEmpty()) {
            problems.add("email is empty");
        } else if (email.length() > MAX_EMAIL_LENGTH || email.indexOf('@') > 64 || !isEmailAddress(email)) {
            problems.add("email is not a valid address");
        }
    }

    private static BigDecimal amount(String text, List<String> problems) {
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
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            problems.add("debtAmount is above 99999999.99");
        } else {
            return amount;
        }
        return null;
    }

    private static LocalDate date(String text, List<String> problems) {
        if (text.isEmpty()) {
            problems.add("debtDueDate is empty");
            return null;
        }
        if (isIsoDateShape(text)) {
            try {
                // the shape is checked: only the calendar is left to check (what ISO_LOCAL_DATE's parser does, faster)
                return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10));
            } catch (DateTimeException e) {
                problems.add("debtDueDate is not a calendar date");
                return null;
            }
        }
        problems.add("debtDueDate must be a date as yyyy-MM-dd");
        return null;
    }

    private static void checkDebtId(String debtId, List<String> problems) {
        if (debtId.isEmpty()) {
            problems.add("debtId is empty");
        } else if (debtId.length() > MAX_DEBT_ID_LENGTH) {
            problems.add("debtId is longer than " + MAX_DEBT_ID_LENGTH + " characters");
        } else if (hasControl(debtId)) {
            problems.add("debtId contains a control character");
        } else if (debtId.indexOf('/') >= 0 || debtId.contains("..")) {
            // the debtId names its boleto, invoices/{debtId}.pdf: a '/' or '..' would put it elsewhere in the
            // bucket (or outside the local runner's data directory)
            problems.add("debtId must not contain '/' or '..'");
        }
    }

    // The checks below run for every row of a million-row file: plain loops instead of regular expressions.

    private static final String ATEXT = "!#$%&'*+/=?^_`{|}~-";

    /**
     * Pragmatic RFC 5321 shape: a dot-atom local part, {@code @}, a domain of at least two LDH labels (1 to 63
     * characters, letters and digits at both ends, hyphens inside). No quoted local parts. RFC 6531 (section 3.3)
     * widens atext and labels with any non-ASCII character ({@code joão@exemplo.com.br}, {@code a@ação.br}): the
     * debt is real even when a server cannot deliver to it. The same language as
     * {@code [atext U]+(\.[atext U]+)*@([A-Za-z0-9U]([A-Za-z0-9U-]{0,61}[A-Za-z0-9U])?\.)+[A-Za-z0-9U]([A-Za-z0-9U-]{0,61}[A-Za-z0-9U])?}
     * with U a non-ASCII character that is neither a space nor a control, which a test holds it to; the regular
     * expression was a fifth of the time spent reading a file.
     */
    static boolean isEmailAddress(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@')) {
            return false;
        }
        boolean afterDot = true; // no leading dot, no two dots in a row
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (afterDot) {
                    return false;
                }
                afterDot = true;
            } else if (isAsciiAlphanumeric(c) || ATEXT.indexOf(c) >= 0 || isNonAscii(c)) {
                afterDot = false;
            } else {
                return false;
            }
        }
        if (afterDot) {
            return false;
        }
        int labels = 0;
        int start = at + 1;
        for (int i = start; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, start, i)) {
                    return false;
                }
                labels++;
                start = i + 1;
            }
        }
        return labels >= 2;
    }

    private static boolean isLabel(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 63 || !isLabelText(s.charAt(from)) || !isLabelText(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c != '-' && !isLabelText(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabelText(char c) {
        return isAsciiAlphanumeric(c) || isNonAscii(c);
    }

    /** RFC 6531's UTF8-non-ascii, less the spaces and controls no one means as part of an address. */
    private static boolean isNonAscii(char c) {
        return c >= 0x80 && !Character.isSpaceChar(c) && !Character.isISOControl(c);
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean hasSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '-' || c == '/') {
                return true;
            }
        }
        return false;
    }

    /** ASCII digits only, as {@code \d} without UNICODE_CHARACTER_CLASS; false for an empty range. */
    static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code \d+(\.\d+)?} */
    private static boolean isDecimal(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? allDigits(s, 0, s.length()) : allDigits(s, 0, dot) && allDigits(s, dot + 1, s.length());
    }

    /** {@code \d{4}-\d{2}-\d{2}} */
    private static boolean isIsoDateShape(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && allDigits(s, 0, 4) && allDigits(s, 5, 7) && allDigits(s, 8, 10);
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
