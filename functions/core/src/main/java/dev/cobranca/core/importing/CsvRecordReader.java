package dev.cobranca.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a UTF-8 byte stream into records (RFC 4180: a line break inside a quoted value belongs to the value),
 * keeping exact line numbers (the rejected-rows report names them) and byte offsets (a reader may start mid-file,
 * at a {@link CsvPosition} it was given). Only the current record is held in memory. Cells are split afterwards by {@link CsvRowParser}.
 *
 * <p>Blank lines are skipped. A BOM at the start of the file is skipped. Lines may end in LF or CRLF.
 */
public final class CsvRecordReader implements AutoCloseable {

    /** Longer than any sane row; reached in practice only by an unclosed quote swallowing the rest of the file. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private byte[] record = new byte[1024];

    private long byteOffset;
    private long nextLine;
    private long records;
    private boolean atStart;

    /**
     * @param in    the bytes of the file from {@code start.byteOffset()} on
     * @param start where {@code in} begins; {@link CsvPosition#START} for a whole file
     */
    public CsvRecordReader(InputStream in, CsvPosition start) {
        this.in = in;
        this.byteOffset = start.byteOffset();
        this.nextLine = start.nextLine();
        this.records = start.records();
        this.atStart = start.byteOffset() == 0;
    }

    /** @return the next non-blank record, or null at the end of the file */
    public CsvRecord next() {
        try {
            if (atStart) {
                atStart = false;
                skipBom();
            }
            while (true) {
                int length = 0;
                int state = FIELD_START;
                int newlinesInside = 0;
                boolean sawAny = false;
                while (true) {
                    if (bufferPos == bufferEnd && !fill()) {
                        break;
                    }
                    sawAny = true;
                    byte b = buffer[bufferPos++];
                    byteOffset++;
                    if (b == '\n' && state != QUOTED) {
                        newlinesInside = -newlinesInside - 1; // mark: ended by a line break
                        break;
                    }
                    if (b == '\n') {
                        newlinesInside++;
                    }
                    state = switch (state) {
                        case FIELD_START -> b == '"' ? QUOTED : b == ',' ? FIELD_START : UNQUOTED;
                        case UNQUOTED -> b == ',' ? FIELD_START : UNQUOTED;
                        case QUOTED -> b == '"' ? QUOTE_IN_QUOTED : QUOTED;
                        default -> b == '"' ? QUOTED : b == ',' ? FIELD_START : UNQUOTED;
                    };
                    if (length == record.length) {
                        if (length >= MAX_RECORD_BYTES) {
                            throw new CsvFormatException("line " + nextLine + ": a record longer than "
                                    + MAX_RECORD_BYTES + " bytes (an unclosed quote?)");
                        }
                        record = Arrays.copyOf(record, Math.min(length * 2, MAX_RECORD_BYTES));
                    }
                    record[length++] = b;
                }
                if (!sawAny) {
                    return null;
                }
                boolean endedByNewline = newlinesInside < 0;
                int inside = endedByNewline ? -newlinesInside - 1 : newlinesInside;
                long line = nextLine;
                nextLine += inside + (endedByNewline ? 1 : 0);
                if (length > 0 && record[length - 1] == '\r') {
                    length--;
                }
                if (isBlank(record, length)) {
                    if (!endedByNewline) {
                        return null;
                    }
                    continue;
                }
                records++;
                return new CsvRecord(line, new String(record, 0, length, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts records from here on (after a header). */
    void restartCount() {
        records = 0;
    }

    /** Where the records read so far end. */
    public CsvPosition position() {
        return new CsvPosition(byteOffset, nextLine, records);
    }

    private void skipBom() throws IOException {
        if (!fill() && bufferEnd == 0) {
            return;
        }
        while (bufferEnd < 3 && fillMore()) {
            // a stream may hand out fewer than 3 bytes at first
        }
        if (bufferEnd >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
            bufferPos = 3;
            byteOffset += 3;
        }
    }

    private boolean fill() throws IOException {
        if (bufferPos < bufferEnd) {
            return true;
        }
        bufferPos = 0;
        bufferEnd = 0;
        return fillMore();
    }

    private boolean fillMore() throws IOException {
        int n = in.read(buffer, bufferEnd, buffer.length - bufferEnd);
        if (n <= 0) {
            return false;
        }
        bufferEnd += n;
        return true;
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
