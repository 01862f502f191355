package dev.cobranca.csvimport;

import dev.cobranca.core.importing.RejectedRowsReport;
import dev.cobranca.core.importing.RowOutcome;
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
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Rejected rows of a file being read, kept on disk (a badly broken file may be all rejects), one file per reading
 * thread. Each file is in line order (a thread takes the file's batches in turn), so {@link #merge} reads them all
 * back in line order with one row per file in memory.
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

    /** Whether a read wrote to this spool (a read with no reject still opens a writer per thread). */
    synchronized boolean filled() {
        return !files.isEmpty();
    }

    /**
     * The spooled rows and {@code others} together, in line order; the caller closes it.
     *
     * @param others rows from elsewhere (the database's refusals), in line order
     */
    Merge merge(List<RowOutcome.Rejected> others) {
        List<Path> all;
        synchronized (this) {
            all = List.copyOf(files);
        }
        return new Merge(all, others);
    }

    /** A k-way merge by line of the spool files and the other rows. */
    static final class Merge implements AutoCloseable {

        private final List<DataInputStream> inputs = new ArrayList<>();
        private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(h -> h.row.line()));

        private Merge(List<Path> files, List<RowOutcome.Rejected> others) {
            try {
                for (Path file : files) {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                    inputs.add(in);
                    advance(new Head(in, null, null));
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            advance(new Head(null, others.iterator(), null));
        }

        /** @return the next row in line order, or null at the end */
        RowOutcome.Rejected next() {
            Head head = heads.poll();
            if (head == null) {
                return null;
            }
            RowOutcome.Rejected row = head.row;
            advance(head);
            return row;
        }

        private void advance(Head head) {
            RowOutcome.Rejected row = head.in != null ? read(head.in) : head.rows.hasNext() ? head.rows.next() : null;
            if (row != null) {
                heads.add(new Head(head.in, head.rows, row));
            }
        }

        private static RowOutcome.Rejected read(DataInputStream in) {
            try {
                long line;
                try {
                    line = in.readLong();
                } catch (EOFException end) {
                    return null;
                }
                return new RowOutcome.Rejected(line, string(in), string(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String string(DataInputStream in) throws IOException {
            return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** One source: a spool file or the other rows; its current row. */
        private record Head(DataInputStream in, Iterator<RowOutcome.Rejected> rows, RowOutcome.Rejected row) {
        }
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
                // what the report keeps of a row, and no more
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
