package dev.cobranca.csvimport.bench;

import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The memory bound (bench/import/memory.sh): a {@link WideRowsFile}, streamed into the S3 emulator as it is generated
 * (never on this machine's disk as a CSV, nor whole in memory), imported by the function in a forked JVM limited to
 * -Xmx256m. The rows over the 64 KiB row limit are rejected, the rest charged; the import must end IMPORTED with
 * exactly those counts, never run out of memory.
 *
 * <p>The file goes up as one multipart upload of {@value #PART_BYTES}-byte parts, as a real client sends a large
 * file (a single PUT is capped at 5 GB), and the import is triggered by the event S3 would send for it:
 * {@code ObjectCreated:CompleteMultipartUpload}, naming the object's multipart ETag ({@code <hex>-<parts>}).
 *
 * <p>Arguments: {@code rows} (default 30000), {@code rowBytes} (default 20480), {@code workDir}.
 */
public final class WideRowsBenchmark {

    static final long PART_BYTES = 64L << 20;

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 30_000;
        int rowBytes = args.length > 1 ? Integer.parseInt(args[1]) : 20_480;
        Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target-bench/import"));
        WideRowsFile file = new WideRowsFile(rows, rowBytes);
        long size = file.size();
        long rejected = file.overLimit();
        Path s3Dir = Files.createDirectories(work.resolve("s3-" + UUID.randomUUID()));
        try (S3Emulator s3 = S3Emulator.start(s3Dir); SqsEmulator sqs = SqsEmulator.start(); TestDatabase db = TestDatabase.create()) {
            s3.createBucket(ImportBenchmark.BUCKET);
            String key = "uploads/wide.csv";
            AtomicReference<S3Emulator.ObjectCreated> created = new AtomicReference<>();
            s3.onObjectCreated(e -> {
                if (e.key().equals(key)) {
                    created.set(e);
                }
            });
            long t = System.nanoTime();
            String eTag = uploadInParts(s3.client(), key, file, size);
            S3Emulator.ObjectCreated event = created.get();
            String headETag = s3.client().headObject(b -> b.bucket(ImportBenchmark.BUCKET).key(key)).eTag().replace("\"", "");
            if (event == null || !event.eTag().equals(eTag) || !headETag.equals(eTag) || event.size() != size) {
                throw new IllegalStateException("the completed upload (ETag " + eTag + ", " + size + " bytes) is not what S3"
                        + " holds (HEAD: " + headETag + ") or notified (" + event + ")");
            }
            System.out.printf("multipart upload of %,d rows of %,d bytes (%,d bytes, %d over the row limit) in %d ms: %s, ETag %s%n",
                    rows, rowBytes, size, rejected, (System.nanoTime() - t) / 1_000_000, event.eventName(), eTag);
            String[] child = ImportBenchmark.runImport(db, s3, sqs, sqs.createQueue("wide-invoice"), key, size,
                    event.eventName(), eTag);
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select status, rows_total, rows_rejected, rows_accepted, error, etag from uploads")) {
                rs.next();
                String summary = "%s: %d rows, %d rejected, %d accepted (error: %s; ETag %s)".formatted(rs.getString(1),
                        rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6));
                System.out.printf("%n== wide rows: %s in %s ms, %s ==%n", summary, child[0], child[1]);
                if (!rs.getString(1).equals("IMPORTED") || rs.getLong(2) != rows || rs.getLong(3) != rejected
                        || rs.getLong(4) != rows - rejected || !eTag.equals(rs.getString(6))) {
                    throw new IllegalStateException("expected IMPORTED, " + rows + " rows, " + rejected + " rejected, ETag "
                            + eTag + "; got " + summary);
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

    /**
     * CreateMultipartUpload, one UploadPart per {@link #PART_BYTES} generated as it is sent, CompleteMultipartUpload;
     * aborted on failure so that no parts are left behind. Returns the object's ETag, without quotes.
     */
    private static String uploadInParts(S3Client s3, String key, WideRowsFile file, long size) {
        String bucket = ImportBenchmark.BUCKET;
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("text/csv")).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long from = 0; from < size; from += PART_BYTES) {
                long start = from;
                long length = Math.min(PART_BYTES, size - from);
                int number = parts.size() + 1;
                UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength(length), RequestBody.fromContentProvider(() -> file.slice(start, length), length, "text/csv"));
                parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag())
                        .checksumCRC32(part.checksumCRC32()).build());
            }
            return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag().replace("\"", "");
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
