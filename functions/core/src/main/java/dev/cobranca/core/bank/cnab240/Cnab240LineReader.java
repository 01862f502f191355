package dev.cobranca.core.bank.cnab240;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a CNAB file into records without holding it: LF or CRLF line ends, short (right-trimmed) records padded
 * with spaces, characters past 240 ignored (after a UTF-8 check, see {@link #fromUtf8}). Blank lines (a last line end, a DOS end-of-file mark) are skipped but
 * still counted, so line numbers match what an editor shows.
 */
public final class Cnab240LineReader {

    private static final char EOF_MARK = 0x1A;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    /** One physical line; what is past it (a line of more than 1,024 characters) is ignored. */
    private final char[] scratch = new char[1024];
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
        boolean high = false;
        while (true) {
            if (pos >= limit && !fill()) {
                break;
            }
            char c = buffer[pos++];
            if (c == '\n') {
                break;
            }
            if (length < scratch.length) {
                scratch[length] = c;
            }
            high |= c >= 0x80;
            length++;
        }
        if (length > 0 && length <= scratch.length && scratch[length - 1] == '\r') {
            length--;
        }
        int kept = Math.min(length, scratch.length);
        if (length > Cnab240Record.LENGTH && high && length <= scratch.length) {
            kept = fromUtf8(kept);
            length = kept;
        }
        System.arraycopy(scratch, 0, line.chars, 0, Math.min(kept, Cnab240Record.LENGTH));
        line.length = length;
        return true;
    }

    /**
     * A record longer than 240 with characters above 0x7F is most likely UTF-8 read as Latin-1 (a file saved by an
     * editor): each accented letter became two characters and every field after it moved. When the bytes are valid
     * UTF-8 and then fit 240, the record is read as UTF-8. Returns the record's new length.
     */
    private int fromUtf8(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) scratch[i];
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            if (decoded.remaining() > Cnab240Record.LENGTH) {
                return length;
            }
            int n = decoded.remaining();
            decoded.get(scratch, 0, n);
            return n;
        } catch (CharacterCodingException e) {
            return length;
        }
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
