package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.testfixtures.InMemoryMessagePublisher;
import dev.cobranca.testfixtures.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The import flow against in-memory ports; PostgreSQL, S3 and SQS for real are in the *IT tests. */
class ImportServiceTest {

    private static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId\n";
    private static final UUID UPLOAD = UUID.fromString("6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31");
    private static final String KEY = "uploads/" + UPLOAD + ".csv";

    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryMessagePublisher queue = new InMemoryMessagePublisher();
    private final InMemoryImportTables tables = new InMemoryImportTables();

    private ImportService service(ImportProgress progress) {
        return new ImportService(objects, queue, new InMemoryUploadLeases(tables), new InMemoryChargeLoader(tables),
                InMemoryChargeLoader.FORMAT, new InMemoryInvoiceOutbox(tables), new ImportService.Settings(2, 2, Duration.ofMinutes(1), 2,
                Duration.ofMillis(10), new DebtValidator()), progress);
    }

    private StoredObject put(String key, String csv) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        objects.put(key, bytes, "text/csv");
        return new StoredObject("bucket", key, "etag-" + key.hashCode(), bytes.length);
    }

    @Test
    void shouldChargeValidRows_reportRejectedOnes_andEnqueueNewDebtIds() {
        StoredObject object = put(KEY, HEADER
                + "Ana,1234,a@x.com,1,2022-10-12,d-3\n"
                + "Bia,12A4,b@x.com,1,2022-10-12,d-9\n"
                + "Caio,1234,c@x.com,2,2022-10-12,d-1\n"
                + "Davi,1234,d@x.com,3,2022-10-12,d-2\n"
                + "Ana Again,1234,a@x.com,1,2022-10-12,d-3\n"
                + "=Evil,1234,e@x.com,0,2022-10-12,d-5\n");

        ImportResult result = service(ImportProgress.NONE).importObject(object);

        assertThat(result.uploadId()).isEqualTo(UPLOAD);
        assertThat(result.status()).isEqualTo(UploadStatus.IMPORTED);
        assertThat(result.rows()).isEqualTo(new ImportCounts(6, 2, 4, 3, 1));
        assertThat(tables.charges).containsOnlyKeys("d-1", "d-2", "d-3");
        assertThat(invoiced()).containsExactlyInAnyOrder("d-1", "d-2", "d-3");
        assertThat(tables.outbox).isEmpty();
        assertThat(new String(objects.content("reports/" + UPLOAD + "/rejected.csv"), StandardCharsets.UTF_8))
                .isEqualTo("line,reason,row\r\n"
                        + "3,governmentId must hold only digits (and . - /),\"Bia,12A4,b@x.com,1,2022-10-12,d-9\"\r\n"
                        + "7,debtAmount must be greater than 0,\"'=Evil,1234,e@x.com,0,2022-10-12,d-5\"\r\n");
    }

    @Test
    void shouldEndUploadFailedWithReason_notImporting_whenTheHeapRunsOut() {
        StoredObject object = put(KEY, HEADER + "Ana,1234,a@x.com,1,2022-10-12,d-1\n");
        ImportProgress outOfMemory = new ImportProgress() {
            @Override
            public void fileRead(UUID uploadId, long rows) {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        ImportResult result = service(outOfMemory).importObject(object);

        assertThat(result.status()).isEqualTo(UploadStatus.FAILED);
        assertThat(tables.upload(KEY).status).isEqualTo(UploadStatus.FAILED);
        assertThat(tables.upload(KEY).error).startsWith("the import ran out of memory (heap of ");
        assertThat(queue.bodies()).isEmpty();
    }

    @Test
    void shouldFailUpload_whenHeaderLacksColumns() {
        StoredObject object = put(KEY, "name,email\nAna,a@x.com\n");

        ImportResult result = service(ImportProgress.NONE).importObject(object);

        assertThat(result.status()).isEqualTo(UploadStatus.FAILED);
        assertThat(result.error()).contains("governmentId, debtAmount, debtDueDate, debtId");
        assertThat(queue.bodies()).isEmpty();
    }

    @Test
    void shouldFailUpload_whenObjectIsGone() {
        StoredObject missing = new StoredObject("bucket", KEY, "etag-gone", 120);

        ImportResult result = service(ImportProgress.NONE).importObject(missing);

        assertThat(result.status()).isEqualTo(UploadStatus.FAILED);
        assertThat(result.error()).contains(KEY).contains("does not exist");
        assertThat(queue.bodies()).isEmpty();
    }

    @Test
    void shouldEnqueueNothing_whenSameFileComesUnderAnotherKey() {
        String csv = HEADER + "Ana,1234,a@x.com,1,2022-10-12,d-1\nBia,1234,b@x.com,1,2022-10-12,d-2\n";
        service(ImportProgress.NONE).importObject(put(KEY, csv));
        queue.clear();

        ImportResult again = service(ImportProgress.NONE).importObject(put("uploads/copy of it.csv", csv));

        assertThat(again.uploadId()).isNotEqualTo(UPLOAD);
        assertThat(again.rows()).isEqualTo(new ImportCounts(2, 0, 2, 0, 2));
        assertThat(queue.bodies()).isEmpty();
    }

    @Test
    void shouldReturnTheFirstResult_whenEventIsDeliveredAgain() {
        StoredObject object = put(KEY, HEADER + "Ana,1234,a@x.com,1,2022-10-12,d-1\n");
        ImportResult first = service(ImportProgress.NONE).importObject(object);

        ImportResult second = service(ImportProgress.NONE).importObject(object);

        assertThat(second).isEqualTo(first);
        assertThat(queue.bodies()).hasSize(1);
    }

    @Test
    void shouldResumeAfterLastCommittedBatch_whenInvocationDied() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 9; i++) {
            csv.append("N").append(i).append(",1234,a@x.com,1,2022-10-12,d-").append(i).append('\n');
        }
        csv.append("Bad,1234,a@x.com,-1,2022-10-12,d-x\n");
        StoredObject object = put(KEY, csv.toString());
        ImportProgress crashAfterTwoRanges = new ImportProgress() {
            int keyRanges;

            @Override
            public synchronized void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
                if (++keyRanges == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };

        assertThatThrownBy(() -> service(crashAfterTwoRanges).importObject(object)).hasMessageContaining("simulated crash");
        assertThat(tables.upload(KEY).done).hasSizeBetween(2, 3);
        assertThat(tables.charges).hasSizeBetween(4, 6);

        ImportResult resumed = service(ImportProgress.NONE).importObject(object);

        assertThat(resumed.rows()).isEqualTo(new ImportCounts(10, 1, 9, 9, 0));
        assertThat(invoiced()).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void shouldSendLeftoverOutbox_whenInvocationDiedBeforeSending() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 6; i++) {
            csv.append("N").append(i).append(",1234,a@x.com,1,2022-10-12,d-").append(i).append('\n');
        }
        StoredObject object = put(KEY, csv.toString());
        ImportProgress crashAfterFirstKeyRange = new ImportProgress() {
            @Override
            public void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
                throw new IllegalStateException("simulated crash");
            }
        };

        assertThatThrownBy(() -> service(crashAfterFirstKeyRange).importObject(object)).hasMessageContaining("simulated crash");
        assertThat(tables.outbox).isNotEmpty();

        ImportResult resumed = service(ImportProgress.NONE).importObject(object);

        assertThat(resumed.rows().accepted()).isEqualTo(6);
        assertThat(invoiced()).containsExactlyInAnyOrder("d-0", "d-1", "d-2", "d-3", "d-4", "d-5");
        assertThat(tables.outbox).isEmpty();
    }

    private List<String> invoiced() {
        return queue.bodies().stream().map(b -> MessageCodec.decode(b, InvoiceRequested.class))
                .peek(m -> assertThat(m.uploadId()).isNotNull())
                .flatMap(m -> m.debtIds().stream()).toList();
    }
}
