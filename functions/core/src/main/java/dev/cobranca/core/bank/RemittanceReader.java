package dev.cobranca.core.bank;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Reads a CNAB remessa record by record (for {@code cnab inspect} and the local bank). */
public interface RemittanceReader {

    /**
     * Streams the file to the listener. Records may end in CRLF or LF and be right-trimmed.
     *
     * @return the totals of what was read (titles = entries delivered)
     * @throws CnabFormatException when the file has no valid file header (nothing else can be trusted)
     */
    RemittanceSummary read(Reader in, RemittanceListener listener);

    /** The same, decoding the bytes as ISO-8859-1 (what the banks use). */
    default RemittanceSummary read(InputStream in, RemittanceListener listener) {
        return read(new InputStreamReader(in, StandardCharsets.ISO_8859_1), listener);
    }
}
