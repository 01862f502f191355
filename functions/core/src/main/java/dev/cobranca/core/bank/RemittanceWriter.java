package dev.cobranca.core.bank;

import java.io.Writer;

/** Writes CNAB remessas in one bank's dialect. */
public interface RemittanceWriter {

    /** Writes the file header and lot header now; titles follow through {@link RemittanceFile#add}. */
    RemittanceFile open(Writer out, RemittanceHeader header);
}
