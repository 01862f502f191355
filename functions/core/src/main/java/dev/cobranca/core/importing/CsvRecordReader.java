package dev.cobranca.core.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a UTF-8 byte stream into records (RFC 4180: a line break inside a quoted value belongs to the value),
 * keeping exact line numbers (the rejected-rows report names them). Cells are split afterwards by
 * {@link CsvRowParser}; the first record is the header ({@link CsvHeader#read}).
 *
 * <p>Memory is bounded by bytes, whatever the file holds: at most {@code maxRecordBytes} of the current record are
 * kept. A longer record is read to its end while counting, never held whole, and comes back with a
 * {@link CsvRecord#problem() problem} and a prefix of its text; so does a record whose bytes are not UTF-8 (instead of
 * silently turning them into U+FFFD). A quote that never closes makes the rest of the file one such record.
 *
 * <p>Blank lines are skipped. A BOM at the start of the file is skipped. Lines may end in LF or CRLF.
 */
public final class CsvRecordReader implements AutoCloseable {

    /** The default byte limit of a record: hundreds of times a real row (about 110 bytes). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
    /** What is kept of a record over the limit, for the report: enough for a person to find the row. */
    static final int OVERSIZE_PREFIX_BYTES = 1_000;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private final int maxRecordBytes;
    private byte[] record;

    private long nextLine = 1;
    private boolean atStart = true;

    /** @param in the whole file, from its first byte */
    public CsvRecordReader(InputStream in) {
        this(in, DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes a record longer than this (without its line ending) is reported, not kept */
    public CsvRecordReader(InputStream in, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
        this.record = new byte[Math.min(1024, maxRecordBytes + 1)]; // + 1: room for the CR of a CRLF
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
                long dropped = 0; // bytes past the limit, counted, not kept
                boolean droppedCr = false;
                int state = FIELD_START;
                int newlinesInside = 0;
                boolean sawAny = false;
                while (true) {
                    if (bufferPos == bufferEnd && !fill()) {
                        break;
                    }
                    sawAny = true;
                    byte b = buffer[bufferPos++];
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
                    if (length < record.length) {
                        record[length++] = b;
                    } else if (length < maxRecordBytes) {
                        record = Arrays.copyOf(record, (int) Math.min(length * 2L, maxRecordBytes + 1L));
                        record[length++] = b;
                    } else {
                        dropped++;
                        droppedCr = b == '\r';
                    }
                }
                if (!sawAny) {
                    return null;
                }
                boolean endedByNewline = newlinesInside < 0;
                int inside = endedByNewline ? -newlinesInside - 1 : newlinesInside;
                long line = nextLine;
                nextLine += inside + (endedByNewline ? 1 : 0);
                if (dropped > 0) { // the CR of a CRLF is not part of the record
                    return oversize(line, length + dropped - (droppedCr && endedByNewline ? 1 : 0),
                            state == QUOTED && !endedByNewline);
                }
                if (length > 0 && record[length - 1] == '\r') {
                    length--;
                }
                if (length > maxRecordBytes) {
                    return oversize(line, length, false);
                }
                if (isBlank(record, length)) {
                    if (!endedByNewline) {
                        return null;
                    }
                    continue;
                }
                String text = new String(record, 0, length, StandardCharsets.UTF_8);
                // a malformed sequence decodes to U+FFFD (Latin-1 never holds it: this costs nothing on ASCII rows)
                String problem = text.indexOf('\uFFFD') >= 0 ? notUtf8(record, length) : null;
                return new CsvRecord(line, text, problem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CsvRecord oversize(long line, long bytes, boolean quoteOpen) {
        int prefix = Math.min(Math.min(OVERSIZE_PREFIX_BYTES, maxRecordBytes), record.length);
        while (prefix > 0 && prefix < record.length && (record[prefix] & 0xC0) == 0x80) {
            prefix--; // do not cut a character in two
        }
        return new CsvRecord(line, new String(record, 0, prefix, StandardCharsets.UTF_8),
                "row is " + bytes + " bytes, over the limit of " + maxRecordBytes
                        + (quoteOpen ? " (a quoted value never closes, so the row runs to the end of the file)" : ""));
    }

    /** Null when the bytes are UTF-8 after all (a U+FFFD written as such); else where they stop being. */
    static String notUtf8(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(length), true);
        if (!result.isError()) {
            return null;
        }
        int at = in.position();
        return "the row is not UTF-8: byte 0x%02X at byte %d of the row (save the file as UTF-8; a Latin-1 or Windows-1252 file looks like this)"
                .formatted(bytes[at] & 0xFF, at + 1);
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
