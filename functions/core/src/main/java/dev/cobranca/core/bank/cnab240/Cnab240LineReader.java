package dev.cobranca.core.bank.cnab240;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a CNAB file into records without holding it: LF or CRLF line ends, short (right-trimmed) records padded
 * with spaces, characters past 240 ignored. Blank lines (a last line end, a DOS end-of-file mark) are skipped but
 * still counted, so line numbers match what an editor shows.
 */
public final class Cnab240LineReader {

    private static final char EOF_MARK = 0x1A;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    private int lineNumber;
    private boolean eof;

    public Cnab240LineReader(Reader in) {
        this.in = in;
    }

    /** Fills {@code line} with the next non-blank record; false at the end of the input. */
    public boolean next(Cnab240Line line) throws IOException {
        while (true) {
            if (!readLine(line)) {
                return false;
            }
            if (!line.isBlankLine()) {
                return true;
            }
        }
    }

    private boolean readLine(Cnab240Line line) throws IOException {
        if (pos >= limit && !fill()) {
            return false;
        }
        line.clear();
        lineNumber++;
        line.number = lineNumber;
        int length = 0;
        char last = 0;
        while (true) {
            if (pos >= limit && !fill()) {
                break;
            }
            char c = buffer[pos++];
            if (c == '\n') {
                break;
            }
            if (length < Cnab240Record.LENGTH) {
                line.chars[length] = c;
            }
            last = c;
            length++;
        }
        if (last == '\r') {
            length--;
            if (length < Cnab240Record.LENGTH) {
                line.chars[length] = ' ';
            }
        }
        line.length = length;
        return true;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    static boolean blankChar(char c) {
        return c == ' ' || c == '\t' || c == EOF_MARK || c == '\r';
    }
}
