package dev.cobranca.csvimport;

import dev.cobranca.core.importing.RejectedRowsReport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rejected rows of a file being read, kept on disk (a badly broken file may be all rejects), one file per reading
 * thread; read back, in no particular order, when the import records them.
 */
final class RejectedSpool {

    private final Path dir;
    private final List<Path> files = new ArrayList<>();

    RejectedSpool(Path dir) {
        this.dir = dir;
    }

    synchronized Writer writer() {
        Path file = dir.resolve("rejected-" + files.size() + ".bin");
        files.add(file);
        try {
            return new Writer(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forEach(ChargeLoader.RejectedRowSink sink) {
        List<Path> all;
        synchronized (this) {
            all = List.copyOf(files);
        }
        for (Path file : all) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                while (true) {
                    long line;
                    try {
                        line = in.readLong();
                    } catch (EOFException end) {
                        break;
                    }
                    sink.row(line, string(in), string(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    static final class Writer implements AutoCloseable {

        private final DataOutputStream out;

        private Writer(DataOutputStream out) {
            this.out = out;
        }

        void write(long line, String reason, String text) {
            try {
                out.writeLong(line);
                byte[] r = reason.getBytes(StandardCharsets.UTF_8);
                out.writeInt(r.length);
                out.write(r);
                // what the report keeps of a row, and no more: the rejects are read back 256 at a time
                String kept = text.length() > RejectedRowsReport.MAX_ROW_CHARS
                        ? text.substring(0, RejectedRowsReport.MAX_ROW_CHARS) + "…" : text;
                byte[] t = kept.getBytes(StandardCharsets.UTF_8);
                out.writeInt(t.length);
                out.write(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
