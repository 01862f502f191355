package dev.cobranca.core.boleto;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The "fator de vencimento": four digits counting days from 1997-10-07 (factor 1000 = 2000-07-03). Factor
 * 9999 fell on 2025-02-21; FEBRABAN restarted the count at 1000 on 2025-02-22, so the factor repeats every
 * 9000 days (the next restart is due in 2049). Factor 0000 means "no due date".
 */
public final class DueDateFactor {

    /** Day 0 of the count. */
    public static final LocalDate BASE = LocalDate.of(1997, 10, 7);
    /** The first day with factor 1000, and the earliest due date a boleto can carry. */
    public static final LocalDate FIRST = BASE.plusDays(1000);

    private static final int MIN = 1000;
    private static final int CYCLE = 9000;
    /** How far back a factor read from a barcode may point: overdue boletos are read; older ones are read as the future. */
    private static final int DAYS_BACK = 3000;

    private DueDateFactor() {
    }

    /** The factor printed for a due date, 1000…9999. Dates before 2000-07-03 have none (factor 0000 means "no due date"). */
    public static int of(LocalDate dueDate) {
        long days = ChronoUnit.DAYS.between(BASE, dueDate);
        if (days < MIN) {
            throw new IllegalArgumentException(
                    "due date " + dueDate + " is before " + FIRST + ", the first date a FEBRABAN due-date factor can express");
        }
        return (int) (MIN + (days - MIN) % CYCLE);
    }

    /**
     * The due date a factor stands for. A factor repeats every 9000 days, so it is read relative to a reference
     * date (normally today): the one date with this factor from 3000 days before the reference to 5999 days after.
     *
     * @return empty for factor 0 (a boleto with no due date)
     */
    public static Optional<LocalDate> toDate(int factor, LocalDate reference) {
        if (factor == 0) {
            return Optional.empty();
        }
        if (factor < MIN || factor > 9999) {
            throw new IllegalArgumentException("due-date factor must be 0 or 1000..9999, was " + factor);
        }
        LocalDate windowStart = reference.minusDays(DAYS_BACK);
        LocalDate date = BASE.plusDays(factor);
        // first occurrence of this factor on or after the window's start
        long behind = ChronoUnit.DAYS.between(date, windowStart);
        if (behind > 0) {
            date = date.plusDays(Math.ceilDiv(behind, CYCLE) * (long) CYCLE);
        }
        return Optional.of(date);
    }
}
