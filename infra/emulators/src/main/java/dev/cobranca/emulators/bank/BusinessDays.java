package dev.cobranca.emulators.bank;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * When the local bank credits a payment: the next business day, skipping weekends and Brazil's fixed national
 * holidays. Movable ones (Carnival, Good Friday, Corpus Christi) are not kept: a stand-in, not a calendar.
 */
final class BusinessDays {

    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(
            MonthDay.of(1, 1), MonthDay.of(4, 21), MonthDay.of(5, 1), MonthDay.of(9, 7), MonthDay.of(10, 12),
            MonthDay.of(11, 2), MonthDay.of(11, 15), MonthDay.of(11, 20), MonthDay.of(12, 25));

    private BusinessDays() {
    }

    static LocalDate next(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    static boolean isBusinessDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !FIXED_HOLIDAYS.contains(MonthDay.from(d));
    }
}
