package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The answer on receipt: every title confirmed or rejected. */
final class EntryAnswers extends RetornoPass {

    EntryAnswers(LocalDate today, RetornoOutput out) {
        super(today, out);
    }

    @Override
    public void onHeader(RemittanceFileHeader h) {
        super.onHeader(h);
        file();
    }

    @Override
    public void onEntry(RemittanceEntry e) {
        BigDecimal amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
        if (!"01".equals(e.command())) {
            file().add(occurrence(e, "26", amount, List.of("05")));
            return;
        }
        List<String> reasons = checks.reasons(e);
        file().add(reasons.isEmpty() ? occurrence(e, "02", amount, List.of()) : occurrence(e, "03", amount, reasons));
    }
}
