package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.testfixtures.EmulatedAws;
import dev.cobranca.testfixtures.LambdaEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The handler fed the sample events in events/csv-import, read through Lambda's own serialization. */
class CsvImportHandlerIT {

    private static final String CSV = """
            name,governmentId,email,debtAmount,debtDueDate,debtId
            John Doe,11111111111,johndoe@kanastra.com.br,1000000.00,2022-10-12,1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca
            Maria Conceição,1234,maria@example.com.br,7811,2023-01-31,d2f8a3b1-6c4e-4f0a-9d7e-0b1c2d3e4f50
            Sem Email,1234,,10.00,2023-01-31,e3a9b4c2-7d5f-4a1b-8e9f-1c2d3e4f5a61
            """;

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(ImportFixture.BUCKET).withSqs();
    @RegisterExtension
    final ImportFixture fx = new ImportFixture(AWS);

    private static S3Event event(String file) {
        return LambdaEvents.load("csv-import/" + file, S3Event.class);
    }

    private CsvImportHandler handler() {
        return new CsvImportHandler(fx.service(1_000, Duration.ofMinutes(1), ImportProgress.NONE));
    }

    @Test
    void shouldImportTheApiUpload_whenS3ReportsItsPut() throws Exception {
        UUID id = UUID.fromString("6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31");
        fx.execute("insert into uploads (id, bucket, object_key, file_name) values ('" + id + "', '"
                + ImportFixture.BUCKET + "', 'uploads/" + id + ".csv', 'devedores.csv')");
        StoredObject stored = fx.put("uploads/" + id + ".csv", CSV.getBytes(StandardCharsets.UTF_8));

        CsvImportHandler.Result result = handler().handleRequest(event("s3-object-created.json"), null);

        assertThat(result.imports()).singleElement().satisfies(r -> {
            assertThat(r.uploadId()).isEqualTo(id);
            assertThat(r.status()).isEqualTo(UploadStatus.IMPORTED);
            assertThat(r.rows()).isEqualTo(new ImportCounts(3, 1, 2, 2, 0));
        });
        assertThat(fx.query("select name from charges order by name")).containsExactly("John Doe", "Maria Conceição");
        // the version the bucket holds, not the sample event's made-up ETag: the import pins what it reads
        assertThat(fx.upload(id)).containsEntry("etag", stored.etag());
        assertThat(fx.object("reports/" + id + "/rejected.csv")).contains("4,email is empty,\"Sem Email,1234,,10.00");
        assertThat(fx.drainQueue()).flatMap(m -> m.debtIds()).containsExactlyInAnyOrder(
                "1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca", "d2f8a3b1-6c4e-4f0a-9d7e-0b1c2d3e4f50");
    }

    @Test
    void shouldGiveDroppedFileItsOwnUpload_andDecodeItsKey() throws Exception {
        String key = "uploads/cobranças de março 2026.csv";
        fx.put(key, CSV.getBytes(StandardCharsets.UTF_8));

        CsvImportHandler.Result result = handler().handleRequest(event("s3-object-created-dropped.json"), null);

        assertThat(result.imports()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.status()).isEqualTo(UploadStatus.IMPORTED);
            assertThat(r.rows().accepted()).isEqualTo(2);
        });
        UUID id = result.imports().getFirst().uploadId();
        assertThat(fx.upload(id)).containsEntry("object_key", key).containsEntry("file_name", "cobranças de março 2026.csv")
                .containsEntry("status", "IMPORTED");
        // the same event again: nothing new
        assertThat(handler().handleRequest(event("s3-object-created-dropped.json"), null).imports().getFirst().uploadId())
                .isEqualTo(id);
        assertThat(fx.query("select count(*) from uploads")).containsExactly("1");
    }
}
