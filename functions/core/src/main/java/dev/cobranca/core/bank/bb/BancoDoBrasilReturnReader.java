package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.ReturnListener;
import dev.cobranca.core.bank.ReturnReader;
import dev.cobranca.core.bank.ReturnSummary;
import java.io.Reader;

/** Reads Banco do Brasil CNAB 240 retornos (segments T and U). */
public final class BancoDoBrasilReturnReader implements ReturnReader {

    @Override
    public ReturnSummary read(Reader in, ReturnListener listener) {
        throw new UnsupportedOperationException("not yet");
    }
}
