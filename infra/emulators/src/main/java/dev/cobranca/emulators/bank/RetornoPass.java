package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.ReturnOccurrence;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A reading of the remessa that answers its titles as they come, into at most one retorno. */
abstract class RetornoPass implements RemittanceListener {

    final LocalDate today;
    final RetornoOutput out;
    RemittanceFileHeader header;
    TitleChecks checks;

    RetornoPass(LocalDate today, RetornoOutput out) {
        this.today = today;
        this.out = out;
    }

    @Override
    public void onHeader(RemittanceFileHeader h) {
        header = h;
        checks = new TitleChecks(h.convenio());
    }

    @Override
    public void onError(CnabLineError error) {
        // the structure check found none: the file changed between the reads
        throw new CnabFormatException(error.line(), "the remessa changed while it was answered: " + error.reason());
    }

    ReturnOccurrence occurrence(RemittanceEntry e, String code, BigDecimal amount, List<String> reasons) {
        return new ReturnOccurrence(0, e.nossoNumero(), e.documentNumber(), code, null, null, e.dueDate(), amount,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, today, null, reasons);
    }

    RetornoOutput.Open file() {
        return out.open(header, today);
    }
}
