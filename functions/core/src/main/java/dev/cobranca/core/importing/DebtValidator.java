package dev.cobranca.core.importing;

import dev.cobranca.core.boleto.DueDateFactor;
import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.charge.PayerAddress;
import java.math.BigDecimal;
import java.time.LocalDate;
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
        if (TextScans.hasSeparator(governmentId)) {
            governmentId = GOVERNMENT_ID_SEPARATORS.matcher(governmentId).replaceAll("");
        }
        checkGovernmentId(governmentId, problems);
        email = email.strip();
        EmailAddressRule.check(email, problems);
        BigDecimal amount = AmountRule.amount(amountText.strip(), problems);
        LocalDate dueDate = DueDateRule.date(dateText.strip(), problems);
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
        } else if (TextScans.hasControl(name)) {
            // a tab, line break or NUL would go into the e-mail, the PDF and the bank's remessa
            problems.add("name contains a control character");
        }
    }

    private void checkGovernmentId(String digits, List<String> problems) {
        if (digits.isEmpty()) {
            problems.add("governmentId is empty");
        } else if (!TextScans.allDigits(digits, 0, digits.length())) {
            problems.add("governmentId must hold only digits (and . - /)");
        } else if (digits.length() > MAX_GOVERNMENT_ID_DIGITS) {
            problems.add("governmentId has more than " + MAX_GOVERNMENT_ID_DIGITS + " digits");
        } else if (strictGovernmentId && !GovernmentIds.hasValidCheckDigits(digits)) {
            problems.add("governmentId is not a valid CPF or CNPJ");
        }
    }

    private static void checkDebtId(String debtId, List<String> problems) {
        if (debtId.isEmpty()) {
            problems.add("debtId is empty");
        } else if (debtId.length() > MAX_DEBT_ID_LENGTH) {
            problems.add("debtId is longer than " + MAX_DEBT_ID_LENGTH + " characters");
        } else if (TextScans.hasControl(debtId)) {
            problems.add("debtId contains a control character");
        } else if (debtId.indexOf('/') >= 0 || debtId.contains("..")) {
            // the debtId names its boleto, invoices/{debtId}.pdf: a '/' or '..' would put it elsewhere in the
            // bucket (or outside the local runner's data directory)
            problems.add("debtId must not contain '/' or '..'");
        }
    }
}
