package dev.cobranca.csvimport.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wide-rows file of {@link WideRowsBenchmark}, generated as it is read, never whole in memory or on disk: a header,
 * then {@code rows} rows of {@code rowBytes} bytes (padded by a column the import ignores), one in 100 at 100 KB
 * and one at 2 MB. {@link #slice} reads any byte range of it, so each part of a multipart upload is generated on its
 * own (and again, if the SDK retries it).
 */
final class WideRowsFile {

    static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId,note\n";
    static final int ROW_LIMIT_BYTES = 65_536;
    private static final int OVER_LIMIT_BYTES = 100_000;
    private static final int HUGE_BYTES = 2_000_000;
    private static final long HUGE_ROW = 777;

    private final long rows;
    private final int rowBytes;

    WideRowsFile(long rows, int rowBytes) {
        this.rows = rows;
        this.rowBytes = rowBytes;
    }

    long rows() {
        return rows;
    }

    /** Row {@code i}'s length with its line break. */
    int bytesOf(long i) {
        return i == HUGE_ROW ? HUGE_BYTES : i % 100 == 50 ? OVER_LIMIT_BYTES : rowBytes;
    }

    long size() {
        long size = HEADER.length();
        for (long i = 0; i < rows; i++) {
            size += bytesOf(i);
        }
        return size;
    }

    /** The rows over the import's byte limit: rejected, not charged. */
    long overLimit() {
        long n = 0;
        for (long i = 0; i < rows; i++) {
            n += bytesOf(i) > ROW_LIMIT_BYTES ? 1 : 0;
        }
        return n;
    }

    /** Bytes {@code [from, from + length)} of the file (fewer at its end). */
    InputStream slice(long from, long length) {
        return new Slice(from, length);
    }

    private byte[] row(long i) {
        byte[] start = "Wide Row %d,1234,w%d@x.com,10.00,2024-05-10,wide-%010d,".formatted(i, i, i)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] row = new byte[bytesOf(i)];
        Arrays.fill(row, (byte) 'x');
        System.arraycopy(start, 0, row, 0, start.length);
        row[row.length - 1] = '\n';
        return row;
    }

    private final class Slice extends InputStream {

        private long next;
        private byte[] current;
        private int pos;
        private long remaining;

        Slice(long from, long length) {
            remaining = length;
            current = HEADER.getBytes(StandardCharsets.US_ASCII);
            long offset = current.length;
            if (from < offset) {
                pos = (int) from;
                return;
            }
            // the row holding byte `from`: lengths are arithmetic, so finding it costs no generation
            long i = 0;
            while (i < rows && offset + bytesOf(i) <= from) {
                offset += bytesOf(i++);
            }
            if (i == rows) {
                pos = current.length;
                next = rows;
                return;
            }
            current = row(i);
            pos = (int) (from - offset);
            next = i + 1;
        }

        private boolean ensure() {
            if (remaining == 0) {
                return false;
            }
            while (pos == current.length) {
                if (next == rows) {
                    return false;
                }
                current = row(next++);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            if (!ensure()) {
                return -1;
            }
            remaining--;
            return current[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!ensure()) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, current.length - pos), remaining);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            remaining -= n;
            return n;
        }
    }
}
