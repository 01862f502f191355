package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.ReturnOccurrence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The payments: the paid share of the titles the entries retorno confirmed (the same checks decide again). */
final class PaymentSettlements extends RetornoPass {

    /** C047 under 06: "Liquidação na internet (home banking)". */
    static final String PAID_ONLINE = "33";

    private final double payShare;
    private final BigDecimal tariff;
    private final LocalDate creditDate;

    PaymentSettlements(double payShare, BigDecimal tariff, LocalDate today, RetornoOutput out) {
        super(today, out);
        this.payShare = payShare;
        this.tariff = tariff;
        this.creditDate = BusinessDays.next(today);
    }

    @Override
    public void onEntry(RemittanceEntry e) {
        if ("01".equals(e.command()) && checks.reasons(e).isEmpty() && pays(e.nossoNumero(), payShare)) {
            BigDecimal amount = e.amount();
            file().add(new ReturnOccurrence(0, e.nossoNumero(), e.documentNumber(), "06", null, null, e.dueDate(),
                    amount, amount, tariff, BigDecimal.ZERO, BigDecimal.ZERO, today, creditDate, List.of(PAID_ONLINE)));
        }
    }

    static boolean pays(String nossoNumero, double share) {
        if (share >= 1) {
            return true;
        }
        long key = nossoNumero.chars().allMatch(Character::isDigit) && nossoNumero.length() <= 18
                ? Long.parseLong(nossoNumero) : nossoNumero.hashCode();
        double u = (LongSet.mix(key) >>> 11) * 0x1.0p-53;
        return u < share;
    }
}
