package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.emulators.Emulators;
import dev.cobranca.emulators.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runner's whole stack for one test, as {@code serve} starts it (HTTP API, emulators, wiring), on every port a
 * free one and on a fresh database of its own; plus what a client and a person checking the results do with it.
 */
final class RunningStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** java.net.http sets these itself (Content-Length from the fixed-length body). */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    final TestDatabase db;
    final Stack stack;
    final Path dataDir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningStack(TestDatabase db, Stack stack, Path dataDir) {
        this.db = db;
        this.stack = stack;
        this.dataDir = dataDir;
    }

    /**
     * @param wire              false: functions only, as {@code invoke} has them (no pollers, notifications, HTTP API)
     * @param visibilityTimeout the queues' VisibilityTimeout in seconds (failed messages come back this soon), or null
     */
    static RunningStack start(Path dataDir, boolean wire, Integer visibilityTimeout) {
        // concurrency 0: the template's limits, as the runner's commands have them by default
        return start(dataDir, wire, visibilityTimeout, 0, Map.of(), Map.of(), 0);
    }

    /**
     * @param environment     set in every function's environment ({@code -e})
     * @param schedulePeriods {@code --schedule-every}
     */
    static RunningStack start(Path dataDir, boolean wire, Integer visibilityTimeout, int concurrency,
                              Map<String, String> environment, Map<String, Duration> schedulePeriods) {
        return start(dataDir, wire, visibilityTimeout, concurrency, environment, schedulePeriods, 0);
    }

    /** @param bankPayShare share of the confirmed titles the local bank settles (0: none, charges stay EMAILED) */
    static RunningStack start(Path dataDir, boolean wire, Integer visibilityTimeout, double bankPayShare) {
        return start(dataDir, wire, visibilityTimeout, 0, Map.of(), Map.of(), bankPayShare);
    }

    static RunningStack start(Path dataDir, boolean wire, Integer visibilityTimeout, int concurrency,
                              Map<String, String> environment, Map<String, Duration> schedulePeriods, double bankPayShare) {
        TestDatabase db = TestDatabase.create();
        try {
            Stack stack = Stack.start(new StackOptions(dataDir, template(), db.jdbcUrl(), 0, Emulators.Ports.DYNAMIC,
                    concurrency, visibilityTimeout, environment, wire, schedulePeriods, bankPayShare, null, null));
            return new RunningStack(db, stack, dataDir);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** template.yaml of the project, found from the module directory the tests run in. */
    static Path template() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    String bucket() {
        return stack.mainBucket();
    }

    String queueUrl(String logicalId) {
        return stack.queues().get(logicalId).url();
    }

    // ------------------------------------------------------------------------------------------------ the client

    /** {@code POST /uploads}; asserts 201. */
    JsonNode createUpload(String fileName, long contentLength) {
        String body = JSON.createObjectNode().put("fileName", fileName).put("contentLength", contentLength).toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/uploads"))
                .header("Authorization", "Bearer " + stack.apiToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as("POST /uploads: %s", response.body()).isEqualTo(201);
        return parse(response.body());
    }

    /** PUTs the file to the presigned URL with the headers the API asked for; returns the HTTP status. */
    int putPresigned(JsonNode created, Path file) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.path("uploadUrl").asText()))
                .timeout(Duration.ofMinutes(2));
        created.path("headers").properties().forEach(h -> {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        try {
            // ofFile is a fixed-length body: the Content-Length the presigned URL pinned
            put.method(created.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(put.build()).statusCode();
    }

    /** A client's whole upload: request a URL, PUT the file; returns the upload id. */
    String upload(Path file) throws IOException {
        JsonNode created = createUpload(file.getFileName().toString(), Files.size(file));
        assertThat(putPresigned(created, file)).as("PUT to the presigned URL").isEqualTo(200);
        return created.path("uploadId").asText();
    }

    /** {@code GET /uploads/{id}}; asserts 200. */
    JsonNode uploadStatus(String uploadId) {
        HttpResponse<String> response = get(api("/uploads/" + uploadId));
        assertThat(response.statusCode()).as("GET /uploads/%s: %s", uploadId, response.body()).isEqualTo(200);
        return parse(response.body());
    }

    /** Follows {@code GET /uploads/{id}} until COMPLETED or FAILED; fails the test on timeout. */
    JsonNode awaitFinished(String uploadId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last;
        do {
            last = uploadStatus(uploadId);
            String status = last.path("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("upload " + uploadId + " not finished within " + timeout + ": " + last);
    }

    /** A GET as the API's client sends it: with the bearer token on the API's own URLs (none on presigned S3 URLs). */
    HttpResponse<String> get(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (uri.toString().startsWith(stack.apiEndpoint().toString())) {
            b.header("Authorization", "Bearer " + stack.apiToken());
        }
        return send(b.build());
    }


    URI api(String path) {
        return stack.apiEndpoint().resolve(path);
    }

    /** Any request, sent as built (no token added). */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ what a person checks

    /** The S3 object as the file the emulator keeps (objects are plain files under their keys, for a person to open). */
    Path object(String key) {
        return dataDir.resolve("s3").resolve(bucket()).resolve(key);
    }

    /** Keys under {@code prefix} in the bucket, read through S3. */
    List<String> keys(String prefix) {
        return stack.emulators().s3().client().listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix))
                .contents().stream().map(o -> o.key()).toList();
    }

    long emlFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("mail"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml")).count();
        }
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getLong(1);
        }
    }

    String string(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    long uploadsCount() {
        try {
            return scalar("select count(*) from uploads");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Where an upload's time went (for the test log): import, then boletos and e-mails. */
    String timings(String uploadId) throws SQLException {
        return string("""
                select format('rows %s: import %s s, boletos + e-mails %s s, total %s s', rows_total,
                       round(extract(epoch from imported_at - import_started_at)::numeric, 1),
                       round(extract(epoch from completed_at - imported_at)::numeric, 1),
                       round(extract(epoch from completed_at - created_at)::numeric, 1))
                  from uploads where id = '""" + uploadId + "'");
    }

    /** Charges of an upload by status. */
    Map<String, Long> chargeStatuses(String uploadId) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select status, count(*) from charges where upload_id = '" + uploadId
                     + "' group by status order by status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            db.close();
        }
    }
}
