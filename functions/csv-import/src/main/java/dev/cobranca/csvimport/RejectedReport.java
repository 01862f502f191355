package dev.cobranca.csvimport;

import dev.cobranca.core.importing.RejectedRowsReport;
import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.core.port.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * {@code reports/{uploadId}/rejected.csv}, merged straight from the rejected-rows spool (and the rows the database
 * refused) into the bucket: the merge is streamed twice, once to learn the report's length, once as the upload's
 * body, so no report is held in memory or copied to a file, whatever its size.
 */
final class RejectedReport {

    private RejectedReport() {
    }

    static String key(UUID uploadId) {
        return "reports/" + uploadId + "/rejected.csv";
    }

    /**
     * Writes (or writes again: same rows, same bytes) the report of the upload.
     *
     * @param refused rows the database refused while loading, in line order
     */
    static void write(ObjectStore objects, UUID uploadId, RejectedSpool spool, List<RowOutcome.Rejected> refused) {
        ObjectStore.Content content = new ObjectStore.Content() {
            private long length = -1;

            @Override
            public long length() {
                if (length < 0) {
                    try (InputStream in = open()) {
                        length = in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return length;
            }

            @Override
            public InputStream open() {
                return new ReportStream(spool.merge(refused));
            }
        };
        objects.put(key(uploadId), content, RejectedRowsReport.CONTENT_TYPE);
    }

    /** The report's bytes as the merge yields its rows, about 64 K characters of them in memory at a time. */
    private static final class ReportStream extends InputStream {

        private final RejectedSpool.Merge rows;
        private final StringWriter text = new StringWriter();
        private final RejectedRowsReport report = new RejectedRowsReport(text);
        private byte[] bytes = new byte[0];
        private int at;
        private boolean ended;

        ReportStream(RejectedSpool.Merge rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (at == bytes.length) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }

        /** The next rows' bytes (the header's first); false at the end. */
        private boolean fill() {
            if (ended) {
                return false;
            }
            StringBuffer buffer = text.getBuffer();
            for (RowOutcome.Rejected row; buffer.length() < 1 << 16 && (row = rows.next()) != null; ) {
                report.write(row.line(), row.reason(), row.text());
            }
            if (buffer.isEmpty()) {
                ended = true;
                return false;
            }
            bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            at = 0;
            return true;
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
