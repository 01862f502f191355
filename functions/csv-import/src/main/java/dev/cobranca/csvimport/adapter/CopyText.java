package dev.cobranca.csvimport.adapter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes rows in PostgreSQL's COPY text format (tab-separated, backslash escapes) into a buffered sink. */
final class CopyText {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private boolean rowStarted;

    CopyText(OutputStream out) {
        this.out = out;
    }

    /** A value that may hold anything: backslash, tab and line breaks are escaped. */
    CopyText text(String value) throws IOException {
        separator();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> put2('\\', '\\');
                case '\t' -> put2('\\', 't');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                default -> put(b);
            }
        }
        return this;
    }

    /** A value known to need no escaping (numbers, dates, uuids). */
    CopyText plain(String value) throws IOException {
        separator();
        for (int i = 0; i < value.length(); i++) {
            put((byte) value.charAt(i));
        }
        return this;
    }

    void endRow() throws IOException {
        put((byte) '\n');
        rowStarted = false;
    }

    void flush() throws IOException {
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

    private void put2(char a, char b) throws IOException {
        put((byte) a);
        put((byte) b);
    }

    private void put(byte b) throws IOException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = b;
    }
}
