package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceHeader;
import dev.cobranca.core.bank.RemittanceWriter;
import java.io.Writer;

/** Banco do Brasil's CNAB 240 remessa (cobrança, lote de serviço 01), 7-digit convênio. */
public final class BancoDoBrasilRemittanceWriter implements RemittanceWriter {

    @Override
    public RemittanceFile open(Writer out, RemittanceHeader header) {
        throw new UnsupportedOperationException("not yet");
    }
}
