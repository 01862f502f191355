package dev.cobranca.postgres;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes rows in PostgreSQL's COPY text format (tab-separated, backslash escapes) into a buffered sink. */
public final class CopyText {

    /** COPY's null in the text format. */
    public static final String NULL = "\\N";

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private boolean rowStarted;

    public CopyText(OutputStream out) {
        this.out = out;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Values escaped and tab-separated, without a line end: for rows kept aside before their COPY. One pass per value
     * into a scratch buffer of the calling thread (this runs for every row of every upload).
     */
    public static byte[] row(String... values) {
        Scratch scratch = SCRATCH.get();
        scratch.length = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                scratch.put('\t');
            }
            scratch.escaped(values[i]);
        }
        return Arrays.copyOf(scratch.bytes, scratch.length);
    }

    /** {@code bytes} with COPY's escapes; the same array when it needs none. */
    public static byte[] escaped(byte[] bytes) {
        int extra = 0;
        for (byte b : bytes) {
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                extra++;
            }
        }
        if (extra == 0) {
            return bytes;
        }
        byte[] out = new byte[bytes.length + extra];
        int at = 0;
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> { out[at++] = '\\'; out[at++] = '\\'; }
                case '\t' -> { out[at++] = '\\'; out[at++] = 't'; }
                case '\n' -> { out[at++] = '\\'; out[at++] = 'n'; }
                case '\r' -> { out[at++] = '\\'; out[at++] = 'r'; }
                default -> out[at++] = b;
            }
        }
        return out;
    }

    /** The values of a row written by {@link #row}, unescaped. */
    public static java.util.List<String> fields(byte[] row) {
        java.util.List<String> values = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        for (int i = 0; i <= row.length; i++) {
            if (i == row.length || row[i] == '\t') {
                values.add(value.toString(StandardCharsets.UTF_8));
                value.reset();
            } else if (row[i] == '\\' && i + 1 < row.length) {
                byte e = row[++i];
                value.write(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                value.write(row[i]);
            }
        }
        return values;
    }

    /** A value that may hold anything: backslash, tab and line breaks are escaped. */
    public CopyText text(String value) throws IOException {
        separator();
        for (byte b : escaped(value.getBytes(StandardCharsets.UTF_8))) {
            put(b);
        }
        return this;
    }

    /** As {@link #text}, or COPY's null ({@code \\N}) when {@code value} is null. */
    public CopyText textOrNull(String value) throws IOException {
        return value == null ? plain(NULL) : text(value);
    }

    /** A value known to need no escaping (numbers, dates, uuids). */
    public CopyText plain(String value) throws IOException {
        separator();
        for (int i = 0; i < value.length(); i++) {
            put((byte) value.charAt(i));
        }
        return this;
    }

    public void endRow() throws IOException {
        put((byte) '\n');
        rowStarted = false;
    }

    public void flush() throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    private void separator() throws IOException {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void put(byte b) throws IOException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = b;
    }

    /** UTF-8 encoding and COPY escaping in one pass; unpaired surrogates become '?', as String.getBytes does. */
    private static final class Scratch {

        byte[] bytes = new byte[512];
        int length;

        void put(int b) {
            bytes[length++] = (byte) b;
        }

        void escaped(String value) {
            int n = value.length();
            if (length + 4 * n + 8 > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 4 * n + 8));
            }
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> { put('\\'); put('\\'); }
                        case '\t' -> { put('\\'); put('t'); }
                        case '\n' -> { put('\\'); put('n'); }
                        case '\r' -> { put('\\'); put('r'); }
                        default -> put(c);
                    }
                } else if (c < 0x800) {
                    put(0xC0 | (c >> 6));
                    put(0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    put(0xF0 | (cp >> 18));
                    put(0x80 | ((cp >> 12) & 0x3F));
                    put(0x80 | ((cp >> 6) & 0x3F));
                    put(0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    put('?');
                } else {
                    put(0xE0 | (c >> 12));
                    put(0x80 | ((c >> 6) & 0x3F));
                    put(0x80 | (c & 0x3F));
                }
            }
        }
    }
}
