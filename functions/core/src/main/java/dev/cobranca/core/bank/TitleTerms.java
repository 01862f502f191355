package dev.cobranca.core.bank;

import java.math.BigDecimal;

/**
 * The beneficiary's collection terms, the same for every title of a remessa. Zeros mean none; a segment R is
 * written only when a fine or a discount applies.
 *
 * @param finePercent            multa, percent of the amount, charged from the day after the due date
 * @param monthlyInterestPercent juros de mora, percent a month (written as a daily amount is not: BB takes a rate)
 * @param discountAmount         desconto, a fixed amount, granted until {@code discountDaysBeforeDue} days before the due date
 * @param discountDaysBeforeDue  days before the due date the discount ends (0 = up to the due date)
 * @param writeOffAfterDays      baixa/devolução, days after the due date the bank writes the title off (0 = bank's default)
 */
public record TitleTerms(BigDecimal finePercent, BigDecimal monthlyInterestPercent, BigDecimal discountAmount,
        int discountDaysBeforeDue, int writeOffAfterDays) {

    public static final TitleTerms NONE = new TitleTerms(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);

    public boolean hasFine() {
        return finePercent != null && finePercent.signum() > 0;
    }

    public boolean hasInterest() {
        return monthlyInterestPercent != null && monthlyInterestPercent.signum() > 0;
    }

    public boolean hasDiscount() {
        return discountAmount != null && discountAmount.signum() > 0;
    }
}
