package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.sample.SampleRow;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.testfixtures.EmulatedAws;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The import against a real PostgreSQL and the S3 and SQS emulators: rows, report, messages, retries, crashes. */
class CsvImportIT {

    private static final int ROWS = 50_000;
    private static final int BATCH = 7_000;

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(ImportFixture.BUCKET).withSqs();
    private static Sample sample;
    @RegisterExtension
    final ImportFixture fx = new ImportFixture(AWS);

    /** A generated file and what the import must make of it. */
    record Sample(byte[] bytes, Set<String> validIds, List<Long> badLines) {
        static Sample of(int rows, long seed, double dirty) {
            SampleDebtGenerator generator = new SampleDebtGenerator(seed, dirty);
            StringBuilder csv = new StringBuilder(SampleDebtGenerator.HEADER).append('\n');
            Set<String> valid = new HashSet<>();
            List<Long> bad = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                SampleRow row = generator.next();
                csv.append(row.csv()).append('\n');
                if (row.valid()) {
                    valid.add(row.debtId());
                } else {
                    bad.add(i + 2L);
                }
            }
            return new Sample(csv.toString().getBytes(StandardCharsets.UTF_8), valid, bad);
        }
    }

    @BeforeAll
    static void makeSample() {
        sample = Sample.of(ROWS, 42, 2);
    }

    private static String apiKey(UUID id) {
        return "uploads/" + id + ".csv";
    }

    @Test
    void shouldLandEveryGoodRow_reportEveryBadOne_andEnqueueEachNewDebtIdOnce() throws Exception {
        UUID id = UUID.randomUUID();
        fx.execute("insert into uploads (id, bucket, object_key, file_name) values ('" + id + "', '"
                + ImportFixture.BUCKET + "', '" + apiKey(id) + "', 'clientes.csv')");
        StoredObject object = fx.put(apiKey(id), sample.bytes());

        ImportResult result = fx.service(BATCH).importObject(object);

        int bad = sample.badLines().size();
        assertThat(bad).isBetween(800, 1_200);
        assertThat(result.uploadId()).isEqualTo(id);
        assertThat(result.status()).isEqualTo(UploadStatus.IMPORTED);
        assertThat(result.rows()).isEqualTo(new ImportCounts(ROWS, bad, ROWS - bad, ROWS - bad, 0));
        assertThat(new HashSet<>(fx.query("select debt_id from charges where upload_id = '" + id + "'")))
                .isEqualTo(sample.validIds());
        List<String> report = fx.object("reports/" + id + "/rejected.csv").lines().toList();
        assertThat(report.getFirst()).isEqualTo("line,reason,row");
        assertThat(report.stream().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(','))))).isEqualTo(sample.badLines());
        assertInvoicedExactly(fx.drainQueue(), id, sample.validIds());
        Map<String, Object> upload = fx.upload(id);
        assertThat(upload).containsEntry("status", "IMPORTED").containsEntry("rows_total", (long) ROWS)
                .containsEntry("rows_accepted", (long) (ROWS - bad)).containsEntry("rows_rejected", (long) bad)
                .containsEntry("rows_duplicate", 0L).containsEntry("bytes", (long) sample.bytes().length)
                .containsEntry("rejected_report_key", "reports/" + id + "/rejected.csv")
                .containsEntry("lease_owner", null).containsEntry("etag", object.etag());
        assertThat(upload.get("import_started_at")).isNotNull();
        assertThat(upload.get("imported_at")).isNotNull();
        assertThat(fx.query("select count(*) from invoice_outbox")).containsExactly("0");
        assertThat(fx.query("select count(*) from import_key_ranges")).containsExactly("0");
        assertThat(workDirectories()).as("sorted runs left on disk").isEmpty();
    }

    @Test
    void shouldImportOnce_whenEventIsDeliveredTwiceInSequence() throws Exception {
        StoredObject object = fx.put("uploads/twice.csv", sample.bytes());

        ImportResult first = fx.service(BATCH).importObject(object);
        ImportResult second = fx.service(BATCH).importObject(object);

        assertThat(second).isEqualTo(first);
        assertInvoicedExactly(fx.drainQueue(), first.uploadId(), sample.validIds());
    }

    @Test
    void shouldImportOnce_whenEventIsDeliveredTwiceAtOnce() throws Exception {
        StoredObject object = fx.put("uploads/at once.csv", sample.bytes());
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<ImportResult>> runs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return fx.service(BATCH).importObject(object);
        })).toList();
        start.countDown();

        ImportResult a = runs.get(0).join();
        ImportResult b = runs.get(1).join();
        assertThat(a).isEqualTo(b);
        assertThat(a.rows().accepted()).isEqualTo(sample.validIds().size());
        assertThat(fx.query("select count(*) from uploads")).containsExactly("1");
        assertInvoicedExactly(fx.drainQueue(), a.uploadId(), sample.validIds());
    }

    @Test
    void shouldResumeAfterLastCommittedBatch_whenImportFailsMidway() throws Exception {
        StoredObject object = fx.put("uploads/resumed.csv", sample.bytes());
        ImportProgress failAfterThreeRanges = new ImportProgress() {
            int keyRanges;

            @Override
            public synchronized void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
                if (++keyRanges == 3) {
                    throw new IllegalStateException("connection lost");
                }
            }
        };

        assertThatThrownBy(() -> fx.service(BATCH, Duration.ofMinutes(2), failAfterThreeRanges).importObject(object))
                .hasMessageContaining("connection lost");
        UUID id = UUID.fromString(fx.query("select id from uploads").getFirst());
        int bad = sample.badLines().size();
        assertThat(fx.upload(id)).containsEntry("status", "IMPORTING").containsEntry("import_phase", "LOADING")
                .containsEntry("rows_total", (long) ROWS).containsEntry("rows_rejected", (long) bad)
                .containsEntry("lease_owner", null);
        long ranges = Long.parseLong(fx.query("select count(*) from import_key_ranges").getFirst());
        long loaded = Long.parseLong(fx.query("select count(*) from import_key_ranges where done").getFirst());
        assertThat(ranges).isGreaterThanOrEqualTo(6);
        assertThat(loaded).isBetween(3L, 4L);
        long charged = Long.parseLong(fx.query("select count(*) from charges").getFirst());
        assertThat(charged).isBetween(loaded * (ROWS - bad) / ranges / 2, loaded * (ROWS - bad) / ranges * 2);

        ImportResult resumed = fx.service(BATCH).importObject(object);

        assertThat(resumed.rows()).isEqualTo(new ImportCounts(ROWS, bad, ROWS - bad, ROWS - bad, 0));
        assertThat(fx.object("reports/" + id + "/rejected.csv").lines().count()).isEqualTo(bad + 1);
        assertInvoicedExactly(fx.drainQueue(), id, sample.validIds());
    }

    @Test
    void shouldTakeOverAfterLeaseExpires_whenInvocationDiedWhileLoading() throws Exception {
        StoredObject object = fx.put("uploads/crashed.csv", sample.bytes());
        // an Error is not cleaned up after, like a process killed between committing charges and sending messages
        ImportProgress dieAfterSecondKeyRange = new ImportProgress() {
            int keyRanges;

            @Override
            public void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
                if (++keyRanges == 2) {
                    throw new ProcessKilled();
                }
            }
        };

        assertThatThrownBy(() -> fx.service(BATCH, Duration.ofSeconds(2), dieAfterSecondKeyRange).importObject(object))
                .isInstanceOf(ProcessKilled.class);
        assertThat(fx.query("select count(*) > 0 from invoice_outbox")).containsExactly("t");
        assertThat(fx.query("select lease_owner is not null from uploads")).containsExactly("t");

        long began = System.nanoTime();
        ImportResult resumed = fx.service(BATCH, Duration.ofSeconds(2), ImportProgress.NONE).importObject(object);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("waited for the dead lease").isGreaterThan(Duration.ofMillis(500));
        assertThat(resumed.rows().accepted()).isEqualTo(sample.validIds().size());
        assertInvoicedExactly(fx.drainQueue(), resumed.uploadId(), sample.validIds());
    }

    @Test
    void shouldChargeNothingAndEnqueueNothing_whenSameFileIsUploadedUnderNewKey() throws Exception {
        ImportResult first = fx.service(BATCH).importObject(fx.put("uploads/first.csv", sample.bytes()));
        fx.drainQueue();

        ImportResult again = fx.service(BATCH).importObject(fx.put("uploads/again.csv", sample.bytes()));

        int valid = sample.validIds().size();
        assertThat(again.uploadId()).isNotEqualTo(first.uploadId());
        assertThat(again.rows()).isEqualTo(new ImportCounts(ROWS, ROWS - valid, valid, 0, valid));
        assertThat(fx.drainQueue()).isEmpty();
        assertThat(fx.query("select count(*) from charges")).containsExactly(Integer.toString(valid));
        assertThat(fx.upload(again.uploadId())).containsEntry("status", "COMPLETED").containsEntry("rows_duplicate", (long) valid);
    }

    @Test
    void shouldCountLaterLinesAsDuplicates_whenDebtIdRepeatsInFile() throws Exception {
        String csv = SampleDebtGenerator.HEADER + "\n"
                + "Ana,1234,a@x.com,1,2022-10-12,d-1\nBia,1234,b@x.com,2,2022-10-12,d-2\nCaio,1234,c@x.com,3,2022-10-12,d-1\n";

        ImportResult result = fx.service(BATCH).importObject(fx.put("uploads/repeats.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.rows()).isEqualTo(new ImportCounts(3, 0, 3, 2, 1));
        assertThat(fx.query("select name from charges where debt_id = 'd-1'")).containsExactly("Ana");
    }

    @Test
    void shouldFailUploadWithReason_whenHeaderLacksColumns() throws Exception {
        ImportResult result = fx.service(BATCH).importObject(fx.put("uploads/no-header.csv",
                "Ana,1234,a@x.com,1,2022-10-12,d-1\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(result.status()).isEqualTo(UploadStatus.FAILED);
        assertThat(fx.upload(result.uploadId())).containsEntry("status", "FAILED")
                .hasEntrySatisfying("error", e -> assertThat((String) e).contains("lacks required column(s): name, governmentId"));
        assertThat(fx.drainQueue()).isEmpty();
    }

    @Test
    void shouldCompleteUpload_whenFileHasOnlyAHeader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(("\uFEFF" + SampleDebtGenerator.HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));

        ImportResult result = fx.service(BATCH).importObject(fx.put("uploads/empty.csv", bytes.toByteArray()));

        assertThat(result.rows()).isEqualTo(ImportCounts.NONE);
        assertThat(fx.upload(result.uploadId())).containsEntry("status", "COMPLETED");
    }

    @Test
    void shouldKeepEveryCharacterOfDebtIds_inChargesAndMessages() throws Exception {
        List<String> ids = List.of("a\\b", "quote\"d", "com,ma", "{braces}", "ação-ç", "emoji-\uD83D\uDE00", "\uFFFDend", "NULL", " ");
        StringBuilder csv = new StringBuilder(SampleDebtGenerator.HEADER).append('\n');
        for (String id : ids) {
            csv.append("Ana,1234,a@x.com,1,2022-10-12,\"").append(id.replace("\"", "\"\"")).append("\"\n");
        }

        ImportResult result = fx.service(2).importObject(fx.put("uploads/odd ids.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));

        Set<String> expected = new HashSet<>(ids);
        expected.remove(" "); // blank: rejected
        assertThat(result.rows()).isEqualTo(new ImportCounts(ids.size(), 1, ids.size() - 1, ids.size() - 1, 0));
        assertThat(new HashSet<>(fx.query("select debt_id from charges"))).isEqualTo(expected);
        assertInvoicedExactly(fx.drainQueue(), result.uploadId(), expected);
    }

    @Test
    void shouldLoadRangeCarefully_whenOneDebtIdWasChargedByAnEarlierUpload() throws Exception {
        List<String> valid = sample.validIds().stream().sorted().toList();
        String taken = valid.get(valid.size() / 2);
        String earlier = SampleDebtGenerator.HEADER + "\nEarlier,1234,e@x.com,5,2022-10-12," + taken + "\n";
        ImportResult first = fx.service(BATCH).importObject(fx.put("uploads/earlier.csv", earlier.getBytes(StandardCharsets.UTF_8)));
        fx.drainQueue();

        ImportResult result = fx.service(BATCH).importObject(fx.put("uploads/later.csv", sample.bytes()));

        int bad = sample.badLines().size();
        assertThat(result.rows()).isEqualTo(new ImportCounts(ROWS, bad, ROWS - bad, ROWS - bad - 1, 1));
        assertThat(fx.query("select upload_id from charges where debt_id = '" + taken + "'"))
                .containsExactly(first.uploadId().toString());
        Set<String> fresh = new HashSet<>(sample.validIds());
        fresh.remove(taken);
        assertInvoicedExactly(fx.drainQueue(), result.uploadId(), fresh);
    }

    /** This JVM's import work directories still on disk. */
    private static List<String> workDirectories() throws java.io.IOException {
        String mine = "cobranca-import-" + ProcessHandle.current().pid() + "-";
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(mine)).toList();
        }
    }

    private static void assertInvoicedExactly(List<InvoiceRequested> messages, UUID uploadId, Set<String> debtIds) {
        List<String> invoiced = messages.stream().flatMap(m -> m.debtIds().stream()).toList();
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.uploadId()).isEqualTo(uploadId);
            assertThat(m.debtIds()).hasSizeBetween(1, 100);
        });
        assertThat(invoiced).doesNotHaveDuplicates().hasSameSizeAs(debtIds);
        assertThat(new HashSet<>(invoiced)).isEqualTo(debtIds);
    }

    static final class ProcessKilled extends Error {
        ProcessKilled() {
            super("killed");
        }
    }
}
