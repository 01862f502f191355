package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnWriter;
import java.io.Writer;

/** Writes Banco do Brasil CNAB 240 retornos (segments T and U), as the bank sends them. */
public final class BancoDoBrasilReturnWriter implements ReturnWriter {

    @Override
    public ReturnFile open(Writer out, ReturnFileHeader header) {
        throw new UnsupportedOperationException("not yet");
    }
}
