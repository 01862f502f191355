package dev.cobranca.csvimport.bench;

import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The memory bound (bench/import/memory.sh): a file of wide rows, streamed into the S3 emulator as it is generated
 * (never on this machine's disk as a CSV), imported by the function in a forked JVM limited to -Xmx256m. Each row is
 * {@code rowBytes} long, padded by a column the import ignores; one row in 100 is 100 KB and one is 2 MB, over the
 * 64 KiB row limit: those are rejected, the rest charged. The import must end IMPORTED with exactly those counts,
 * never run out of memory.
 *
 * <p>Arguments: {@code rows} (default 30000), {@code rowBytes} (default 20480), {@code workDir}. The file goes in one
 * PUT, which S3 caps at 5 GB: about 240,000 rows of 20 KiB.
 */
public final class WideRowsBenchmark {

    private static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId,note\n";
    private static final int OVER_LIMIT_BYTES = 100_000;
    private static final int HUGE_BYTES = 2_000_000;

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 30_000;
        int rowBytes = args.length > 1 ? Integer.parseInt(args[1]) : 20_480;
        Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target-bench/import"));
        long size = HEADER.length();
        long rejected = 0;
        for (long i = 0; i < rows; i++) {
            size += bytesOf(i, rowBytes);
            rejected += bytesOf(i, rowBytes) > 65_536 ? 1 : 0;
        }
        Path s3Dir = Files.createDirectories(work.resolve("s3-" + UUID.randomUUID()));
        try (S3Emulator s3 = S3Emulator.start(s3Dir); SqsEmulator sqs = SqsEmulator.start(); TestDatabase db = TestDatabase.create()) {
            s3.createBucket(ImportBenchmark.BUCKET);
            String key = "uploads/wide.csv";
            long t = System.nanoTime();
            s3.client().putObject(b -> b.bucket(ImportBenchmark.BUCKET).key(key).contentType("text/csv"),
                    RequestBody.fromContentProvider(() -> new WideRows(rows, rowBytes), size, "text/csv"));
            System.out.printf("put %,d rows of %,d bytes (%,d bytes, %d over the row limit) in %d ms%n", rows, rowBytes,
                    size, rejected, (System.nanoTime() - t) / 1_000_000);
            String[] child = ImportBenchmark.runImport(db, s3, sqs, sqs.createQueue("wide-invoice"), key, size);
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select status, rows_total, rows_rejected, rows_accepted, error from uploads")) {
                rs.next();
                String summary = "%s: %d rows, %d rejected, %d accepted (error: %s)".formatted(rs.getString(1),
                        rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
                System.out.printf("%n== wide rows: %s in %s ms, %s ==%n", summary, child[0], child[1]);
                if (!rs.getString(1).equals("IMPORTED") || rs.getLong(2) != rows || rs.getLong(3) != rejected
                        || rs.getLong(4) != rows - rejected) {
                    throw new IllegalStateException("expected IMPORTED, " + rows + " rows, " + rejected + " rejected; got " + summary);
                }
            }
        } finally {
            try (var paths = Files.walk(s3Dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Row {@code i}'s length with its line break. */
    static int bytesOf(long i, int rowBytes) {
        return i == rowsBeforeHuge() ? HUGE_BYTES : i % 100 == 50 ? OVER_LIMIT_BYTES : rowBytes;
    }

    private static long rowsBeforeHuge() {
        return 777;
    }

    /** The file, generated as it is read. */
    private static final class WideRows extends InputStream {

        private final long rows;
        private final int rowBytes;
        private long next;
        private byte[] current = HEADER.getBytes(StandardCharsets.US_ASCII);
        private int pos;

        WideRows(long rows, int rowBytes) {
            this.rows = rows;
            this.rowBytes = rowBytes;
        }

        private boolean ensure() {
            while (pos == current.length) {
                if (next == rows) {
                    return false;
                }
                byte[] start = "Wide Row %d,1234,w%d@x.com,10.00,2024-05-10,wide-%010d,".formatted(next, next, next)
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] row = new byte[bytesOf(next, rowBytes)];
                Arrays.fill(row, (byte) 'x');
                System.arraycopy(start, 0, row, 0, start.length);
                row[row.length - 1] = '\n';
                current = row;
                pos = 0;
                next++;
            }
            return true;
        }

        @Override
        public int read() {
            return ensure() ? current[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!ensure()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
