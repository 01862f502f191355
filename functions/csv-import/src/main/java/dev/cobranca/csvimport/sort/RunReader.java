package dev.cobranca.csvimport.sort;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the records of a run file (as {@link RunWriter} wrote them) from an offset on, one at a time. */
final class RunReader implements AutoCloseable {

    private final DataInputStream in;
    byte[] key;
    long line;
    byte[] payload;

    RunReader(Path file, long offset, int buffer) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            InputStream stream = Channels.newInputStream(channel);
            this.in = new DataInputStream(new BufferedInputStream(stream, buffer));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sorted run " + file, e);
        }
    }

    /** @return false, the key null, at the end of the run */
    boolean advance() {
        try {
            int keyLength;
            try {
                keyLength = in.readUnsignedShort();
            } catch (EOFException end) {
                key = null;
                return false;
            }
            key = in.readNBytes(keyLength);
            line = in.readLong();
            payload = in.readNBytes(in.readInt());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
