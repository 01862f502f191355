package dev.cobranca.core.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/** The shape of the debtDueDate column: an ISO date, yyyy-MM-dd, that is on the calendar. Its bounds are the validator's. */
final class DueDateRule {

    private DueDateRule() {
    }

    static LocalDate date(String text, List<String> problems) {
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

    /** {@code \d{4}-\d{2}-\d{2}} */
    private static boolean isIsoDateShape(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && TextScans.allDigits(s, 0, 4) && TextScans.allDigits(s, 5, 7) && TextScans.allDigits(s, 8, 10);
    }
}
