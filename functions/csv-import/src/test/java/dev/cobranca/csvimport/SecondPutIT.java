package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.sample.SampleRow;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.testfixtures.EmulatedAws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A presigned URL used twice: the second PUT to an upload's key, after its import started, neither changes nor fails
 * that import; it is recorded on the upload (uploads.overwrite_etags, "overwrites" in GET /uploads/{id}).
 */
class SecondPutIT {

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(ImportFixture.BUCKET).withSqs();
    @RegisterExtension
    final ImportFixture fx = new ImportFixture(AWS);

    record Sample(byte[] bytes, Set<String> ids) {
        static Sample of(long seed, int rows) {
            SampleDebtGenerator generator = new SampleDebtGenerator(seed, 0);
            StringBuilder csv = new StringBuilder(SampleDebtGenerator.HEADER).append('\n');
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < rows; i++) {
                SampleRow row = generator.next();
                csv.append(row.csv()).append('\n');
                ids.add(row.debtId());
            }
            return new Sample(csv.toString().getBytes(StandardCharsets.UTF_8), ids);
        }
    }

    @Test
    void shouldImportTheFirstVersion_andRecordTheSecondPut_whenItLandsMidImport() throws Exception {
        Sample first = Sample.of(1, 3_000);
        Sample second = Sample.of(2, 2_000);
        String key = "uploads/" + UUID.randomUUID() + ".csv";
        StoredObject v1 = fx.put(key, first.bytes());
        AtomicReference<StoredObject> v2 = new AtomicReference<>();
        AtomicReference<ImportResult> secondEvent = new AtomicReference<>();
        ImportProgress putAgainOnceRead = new ImportProgress() {
            @Override
            public void fileRead(UUID uploadId, long rows) {
                // the second PUT and its event, while the first import is between reading and loading
                v2.set(fx.put(key, second.bytes()));
                secondEvent.set(fx.service(1_000).importObject(v2.get()));
                secondEvent.set(fx.service(1_000).importObject(v2.get())); // S3 delivers at least once
            }
        };

        ImportResult result = fx.service(1_000, Duration.ofMinutes(2), putAgainOnceRead).importObject(v1);

        assertThat(v2.get().etag()).isNotEqualTo(v1.etag());
        assertThat(secondEvent.get().uploadId()).isEqualTo(result.uploadId());
        assertThat(secondEvent.get().status()).isEqualTo(UploadStatus.IMPORTING);
        assertThat(secondEvent.get().error()).contains("written again after its import started");
        assertThat(result.status()).isEqualTo(UploadStatus.IMPORTED);
        assertThat(result.rows().accepted()).isEqualTo(3_000);
        assertThat(new HashSet<>(fx.query("select debt_id from charges"))).isEqualTo(first.ids());
        assertThat(fx.upload(result.uploadId())).containsEntry("status", "IMPORTED").containsEntry("etag", v1.etag());
        assertThat(fx.query("select array_to_string(overwrite_etags, ',') from uploads")).containsExactly(v2.get().etag());
        assertThat(fx.query("select overwritten_at is not null from uploads")).containsExactly("t");
        assertThat(fx.query("select count(*) from uploads")).containsExactly("1");
    }

    @Test
    void shouldRecordTheSecondPut_andChargeNothingMore_whenItLandsAfterTheImport() throws Exception {
        String key = "uploads/" + UUID.randomUUID() + ".csv";
        ImportResult result = fx.service(1_000).importObject(fx.put(key, Sample.of(3, 500).bytes()));

        ImportResult again = fx.service(1_000).importObject(fx.put(key, Sample.of(4, 500).bytes()));

        assertThat(again.uploadId()).isEqualTo(result.uploadId());
        assertThat(again.status()).isEqualTo(result.status());
        assertThat(fx.query("select count(*) from charges")).containsExactly("500");
        assertThat(fx.query("select cardinality(overwrite_etags) from uploads")).containsExactly("1");
        assertThat(fx.upload(result.uploadId()).get("status")).isEqualTo(result.status().name());
    }

    @Test
    void shouldNeverReadTheSecondVersion_whenAnInterruptedImportResumesAfterIt() throws Exception {
        Sample first = Sample.of(5, 3_000);
        String key = "uploads/" + UUID.randomUUID() + ".csv";
        StoredObject v1 = fx.put(key, first.bytes());
        ImportProgress failAfterARange = new ImportProgress() {
            @Override
            public void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
                throw new IllegalStateException("connection lost");
            }
        };
        assertThatThrownBy(() -> fx.service(500, Duration.ofMinutes(2), failAfterARange).importObject(v1))
                .hasMessageContaining("connection lost");
        long charged = Long.parseLong(fx.query("select count(*) from charges").getFirst());
        fx.put(key, Sample.of(6, 3_000).bytes());

        // the retry of the first event: its version is gone (the bucket keeps one), so it cannot resume, and says so
        ImportResult resumed = fx.service(500).importObject(v1);

        assertThat(resumed.status()).isEqualTo(UploadStatus.FAILED);
        assertThat(fx.upload(resumed.uploadId())).containsEntry("status", "FAILED")
                .hasEntrySatisfying("error", e -> assertThat((String) e).contains("replaced by another PUT to its URL"));
        assertThat(fx.query("select count(*) from charges")).containsExactly(Long.toString(charged));
        assertThat(first.ids()).containsAll(fx.query("select debt_id from charges"));
    }

    @Test
    void shouldNeverReadAnotherVersion_whenAnInterruptedImportOfAMultipartUploadResumesAfterIt() throws Exception {
        Sample first = Sample.of(7, 60_000);
        assertThat(first.bytes().length).isGreaterThan(ImportFixture.MIN_PART_BYTES); // two parts, at least
        String key = "uploads/" + UUID.randomUUID() + ".csv";
        StoredObject v1 = fx.putInParts(key, first.bytes());
        ImportProgress failAfterARange = new ImportProgress() {
            @Override
            public void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
                throw new IllegalStateException("connection lost");
            }
        };
        assertThatThrownBy(() -> fx.service(5_000, Duration.ofMinutes(2), failAfterARange).importObject(v1))
                .hasMessageContaining("connection lost");
        long charged = Long.parseLong(fx.query("select count(*) from charges").getFirst());
        // the import pinned the multipart ETag as S3 reports it: opaque (RFC 9110 section 8.8.3), here "<hex>-2"
        assertThat(v1.etag()).matches("[0-9a-f]{32}-2");
        assertThat(fx.query("select etag from uploads")).containsExactly(v1.etag());
        assertThat(charged).isPositive();
        fx.putInParts(key, Sample.of(8, 60_000).bytes());

        ImportResult resumed = fx.service(5_000).importObject(v1);

        assertThat(resumed.status()).isEqualTo(UploadStatus.FAILED);
        assertThat(fx.upload(resumed.uploadId())).hasEntrySatisfying("error",
                e -> assertThat((String) e).contains("replaced by another PUT to its URL"));
        assertThat(fx.query("select count(*) from charges")).containsExactly(Long.toString(charged));
        assertThat(first.ids()).containsAll(fx.query("select debt_id from charges"));
    }
}
