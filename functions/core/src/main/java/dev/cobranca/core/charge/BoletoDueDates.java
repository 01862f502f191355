package dev.cobranca.core.charge;

import java.time.LocalDate;

/**
 * The boleto's due date for a debt. A boleto past its due date may be refused by the paying bank, so a debt that is
 * already overdue when invoiced gets a boleto due {@code graceDays} after today; the debt's own due date stays on the
 * charge (and is printed on the boleto as a reference).
 */
public final class BoletoDueDates {

    private BoletoDueDates() {
    }

    public static LocalDate of(LocalDate debtDueDate, LocalDate today, int graceDays) {
        return debtDueDate.isBefore(today) ? today.plusDays(graceDays) : debtDueDate;
    }
}
