package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import dev.cobranca.core.bank.cnab240.CnabText;
import java.io.Writer;
import java.time.LocalDate;

/** First pass: the structure only; the first problem refuses the file. */
final class RemessaStructureCheck implements RemittanceListener {

    private final BancoDoBrasilReturnWriter writer;

    RemessaStructureCheck(BancoDoBrasilReturnWriter writer) {
        this.writer = writer;
    }

    @Override
    public void onHeader(RemittanceFileHeader header) {
        try {
            writer.open(Writer.nullWriter(), RetornoOutput.returnHeader(header, 1, LocalDate.EPOCH));
        } catch (IllegalArgumentException e) {
            throw new CnabFormatException(1, "file header: " + e.getMessage());
        }
    }

    @Override
    public void onEntry(RemittanceEntry entry) {
        String nn = entry.nossoNumero();
        if (nn.isEmpty() || !CnabText.ascii(nn).equals(nn)) {
            throw new CnabFormatException(entry.line(), "segment P nosso número (pos 38-57) '" + nn
                    + "' is blank or not ASCII: the title cannot be answered");
        }
    }

    @Override
    public void onError(CnabLineError error) {
        throw new CnabFormatException(error.line(), error.reason());
    }
}
