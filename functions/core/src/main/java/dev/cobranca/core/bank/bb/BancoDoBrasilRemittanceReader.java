package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.RemittanceReader;
import dev.cobranca.core.bank.RemittanceSummary;
import java.io.Reader;

/** Reads Banco do Brasil CNAB 240 remessas (segments P, Q, R). */
public final class BancoDoBrasilRemittanceReader implements RemittanceReader {

    @Override
    public RemittanceSummary read(Reader in, RemittanceListener listener) {
        throw new UnsupportedOperationException("not yet");
    }
}
