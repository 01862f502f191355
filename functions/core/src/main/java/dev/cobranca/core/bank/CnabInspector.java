package dev.cobranca.core.bank;

import java.io.InputStream;
import java.io.Writer;

/**
 * Reads a CNAB 240 remessa or retorno (told apart by the file header's "código remessa/retorno", position 143)
 * and writes one JSON object per title, one per line.
 */
public final class CnabInspector {

    /**
     * @return the number of titles written
     * @throws CnabFormatException on the first malformed record, with its line and the reason
     */
    public long inspect(InputStream in, Writer out) {
        throw new UnsupportedOperationException("not yet");
    }
}
