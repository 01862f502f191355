package dev.cobranca.csvimport.sort;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one run file, rows already in key order. Record: key length (u16), key, line (i64), payload length (i32),
 * payload ({@link RunReader} reads it back). Keeps every {@code sampleEvery}th key with its offset.
 */
final class RunWriter implements AutoCloseable {

    static final int IO_BUFFER = 1 << 16;

    private final Path file;
    private final int sampleEvery;
    private final DataOutputStream out;
    private final List<Run.Sparse> sparse = new ArrayList<>();
    private long rows;
    private long offset;

    RunWriter(Path file, int sampleEvery) {
        this.file = file;
        this.sampleEvery = sampleEvery;
        try {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), IO_BUFFER));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The bytes a record of this key and payload takes. */
    static int recordSize(int keyLength, int payloadLength) {
        return 2 + keyLength + 8 + 4 + payloadLength;
    }

    void write(byte[] key, long line, byte[] payload) {
        sample(key, 0, key.length);
        try {
            out.writeShort(key.length);
            out.write(key);
            out.writeLong(line);
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw failed(e);
        }
        offset += recordSize(key.length, payload.length);
    }

    /** A record laid out already, {@code size} bytes at {@code at} of {@code buffer} (its key at {@code at + 2}). */
    void writeRecord(byte[] buffer, int at, int size, int keyLength) {
        sample(buffer, at + 2, keyLength);
        try {
            out.write(buffer, at, size);
        } catch (IOException e) {
            throw failed(e);
        }
        offset += size;
    }

    private void sample(byte[] key, int from, int length) {
        if (rows++ % sampleEvery == 0) {
            sparse.add(new Run.Sparse(Arrays.copyOfRange(key, from, from + length), offset));
        }
    }

    /** Closes the file; the run it holds. */
    Run finish() {
        close();
        return new Run(file, rows, List.copyOf(sparse));
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("could not write a sorted run to " + file, e);
    }
}
