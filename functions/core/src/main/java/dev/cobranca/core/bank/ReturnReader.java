package dev.cobranca.core.bank;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Reads a bank's CNAB retorno, record by record. */
public interface ReturnReader {

    /**
     * Streams the file to the listener. Records may end in CRLF or LF, be right-trimmed or longer than 240.
     *
     * @throws CnabFormatException when the file header is missing or invalid (before any occurrence), or when
     *                             the file trailer is missing at the end (after the occurrences were delivered:
     *                             a caller that must apply a file all or nothing applies it in one transaction)
     */
    ReturnSummary read(Reader in, ReturnListener listener);

    /** The same, decoding the bytes as ISO-8859-1 (what the banks send). */
    default ReturnSummary read(InputStream in, ReturnListener listener) {
        return read(new InputStreamReader(in, StandardCharsets.ISO_8859_1), listener);
    }
}
