package dev.cobranca.core.bank;

import java.io.Writer;

/** Writes CNAB retornos (the local bank, test fixtures). */
public interface ReturnWriter {

    /** Writes the file header and lot header now; occurrences follow through {@link ReturnFile#add}. */
    ReturnFile open(Writer out, ReturnFileHeader header);
}
