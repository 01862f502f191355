package dev.cobranca.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

class S3EmulatorIT {

    private static final String BUCKET = "it-bucket";

    @TempDir
    static Path baseDir;

    private static S3Emulator s3;
    private static final List<S3Emulator.ObjectCreated> created = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        s3 = S3Emulator.start(baseDir);
        s3.createBucket(BUCKET);
        s3.onObjectCreated(created::add);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void shouldStoreObjectsAsPlainFiles_andServeGetsPinnedToAVersion() throws IOException {
        S3Client client = s3.client();
        client.putObject(b -> b.bucket(BUCKET).key("reports/r1/rejected.csv").contentType("text/csv"),
                RequestBody.fromString("line,reason\n7,bad amount\n"));

        String whole = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/r1/rejected.csv")).asUtf8String();
        // the import reads the version it claimed by ETag (If-Match): another version answers 412
        String etag = client.headObject(b -> b.bucket(BUCKET).key("reports/r1/rejected.csv")).eTag();
        String pinned = client.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/r1/rejected.csv").ifMatch(etag)).asUtf8String();

        assertThat(whole).isEqualTo("line,reason\n7,bad amount\n");
        assertThat(pinned).isEqualTo(whole);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.getObjectAsBytes(
                        b -> b.bucket(BUCKET).key("reports/r1/rejected.csv").ifMatch("\"0123456789abcdef0123456789abcdef\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(Files.readString(baseDir.resolve(BUCKET).resolve("reports/r1/rejected.csv")))
                .isEqualTo(whole);
        assertThat(s3.objectPath(BUCKET, "reports/r1/rejected.csv")).exists();
        assertThat(created).anySatisfy(e -> {
            assertThat(e.key()).isEqualTo("reports/r1/rejected.csv");
            assertThat(e.size()).isEqualTo(whole.length());
            assertThat(e.eventName()).isEqualTo("ObjectCreated:Put");
        });
    }

    @Test
    void shouldRefuseRequests_signedWithAnotherSecret() {
        try (S3Client wrong = S3Client.builder()
                .endpointOverride(s3.endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(s3.accessKey(), "not-the-secret")))
                .build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.listBuckets())
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void shouldAcceptPresignedPut_withSignedContentTypeAndLength_andNotify() throws Exception {
        byte[] body = "name,governmentId\nJohn,111\n".getBytes(StandardCharsets.UTF_8);
        URI url = presignPut("uploads/u1.csv", "text/csv", body.length);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(baseDir.resolve(BUCKET).resolve("uploads/u1.csv"))).isEqualTo(body);
        assertThat(created).anySatisfy(e -> {
            assertThat(e.bucket()).isEqualTo(BUCKET);
            assertThat(e.key()).isEqualTo("uploads/u1.csv");
            assertThat(e.size()).isEqualTo(body.length);
        });
    }

    @Test
    void shouldRefusePresignedPut_withAnotherContentType() throws Exception {
        byte[] body = "a,b\n".getBytes(StandardCharsets.UTF_8);
        URI url = presignPut("uploads/u2.csv", "text/csv", body.length);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(baseDir.resolve(BUCKET).resolve("uploads/u2.csv")).doesNotExist();
    }

    @Test
    void shouldRefusePresignedPut_withAnotherLength() throws Exception {
        URI url = presignPut("uploads/u3.csv", "text/csv", 10);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[11])).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private URI presignPut(String key, String contentType, long length) throws Exception {
        try (S3Presigner presigner = s3.presigner()) {
            PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                    .signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(BUCKET).key(key).contentType(contentType).contentLength(length)));
            return presigned.url().toURI();
        }
    }
}
