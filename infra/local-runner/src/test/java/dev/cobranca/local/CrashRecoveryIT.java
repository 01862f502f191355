package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.emulators.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} killed with SIGKILL while boletos and e-mails are in flight, then started again on the same data
 * directory and database: the in-memory queues are gone, and the repair function (at start, then on its schedule)
 * brings every charge forward from what the database records as owed.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 2_000;
    /** Environments (so SMTP connections) of the e-mail function: {@code --concurrency}. */
    private static final int CONCURRENCY = 2;
    private static final Pattern API_URL = Pattern.compile("HTTP API\\s+(http://\\S+)");
    private static final Pattern API_TOKEN = Pattern.compile("API token\\s+(\\S+)");

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private TestDatabase db;
    private final List<Serve> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        started.forEach(Serve::kill);
        if (db != null) {
            db.close();
        }
    }

    @Test
    void serveKilledMidPipeline_shouldCompleteByItselfOnRestart_repeatingOnlyEmailsInFlight() throws Exception {
        db = TestDatabase.create();
        Path csv = work.resolve("debts.csv");
        SampleDebtGenerator.write(csv, ROWS, 23, 0);

        Serve first = serve("first");
        String uploadId = first.upload(csv);
        // mid-pipeline: e-mails going out while other charges still wait for their boleto or their e-mail
        Map<String, Long> atKill = awaitStatuses(uploadId, Duration.ofMinutes(2),
                s -> s.getOrDefault("EMAILED", 0L) >= 100 && s.getOrDefault("CREATED", 0L) + s.getOrDefault("INVOICED", 0L) > 0);
        first.kill();
        System.out.println("killed with charges " + atKill);
        long claimedAtKill = scalar("select count(*) from charges where status = 'INVOICED' and email_claim_until > now()");

        Serve second = serve("second");
        JsonNode done = second.awaitFinished(uploadId, Duration.ofMinutes(3));

        assertThat(done.path("status").asText()).as("upload after the restart: %s", done).isEqualTo("COMPLETED");
        assertThat(scalar("select count(*) from charges where upload_id = '" + uploadId + "' and status = 'EMAILED'"))
                .isEqualTo(ROWS);
        // the e-mails a person finds: every charge's, and a charge twice only when it was being sent at the kill, with
        // the Message-ID of the first (at most one message in flight per SMTP connection)
        Map<String, List<String>> messageIdsByDebt = emails();
        assertThat(messageIdsByDebt).hasSize(ROWS);
        List<String> repeated = messageIdsByDebt.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        System.out.println(repeated.size() + " e-mail(s) sent twice; " + claimedAtKill + " charge(s) claimed at the kill");
        assertThat(repeated).as("repeated e-mails").hasSizeLessThanOrEqualTo(CONCURRENCY);
        assertThat(messageIdsByDebt.values()).allSatisfy(ids -> assertThat(ids).as("Message-IDs of one charge").containsOnly(ids.getFirst()));
        assertThat(done.path("stuck").path("requeued").asLong()).as("charges the repair enqueued again: %s", done.path("stuck"))
                .isPositive();
    }

    /** debtId -> the Message-ID of each .eml for it; a file cut short by the kill (no headers yet) is left out. */
    private Map<String, List<String>> emails() throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dataDir.resolve("mail"))) {
            files = s.filter(p -> p.toString().endsWith(".eml")).toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(null, in);
                String[] debt = message.getHeader("X-Cobranca-Debt-Id");
                if (debt != null && message.getMessageID() != null) {
                    out.computeIfAbsent(debt[0], k -> new ArrayList<>()).add(message.getMessageID());
                }
            } catch (MessagingException e) {
                System.out.println("unreadable " + file.getFileName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private Map<String, Long> awaitStatuses(String uploadId, Duration timeout,
                                            java.util.function.Predicate<Map<String, Long>> until) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> counts;
        do {
            counts = new HashMap<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select status, count(*) from charges where upload_id = '" + uploadId
                         + "' group by status")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            if (until.test(counts)) {
                return counts;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("charges never reached the state wanted: " + counts);
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code serve} as a child JVM on the test's classpath, on the same data directory and database each time. */
    private Serve serve(String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                CobrancaLocal.class.getName(), "serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--database-url", db.jdbcUrl(), "--template", RunningStack.template().toString(),
                // the local bank settles none: a title it paid would rightly never be e-mailed, and this test counts e-mails
                "--bank-pay-share", "0",
                "--concurrency", Integer.toString(CONCURRENCY), "--schedule-every", "RepairFunction=3s",
                "-e", "REPAIR_STALE_SECONDS=3", "-e", "EMAIL_CLAIM_SECONDS=30", "-e", "INVOICE_MESSAGE_DEBT_IDS=100",
                "-e", "IMPORT_LEASE_SECONDS=10"));
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Serve serve = new Serve(process, out, err);
        started.add(serve);
        serve.awaitReady(Duration.ofMinutes(2));
        return serve;
    }

    private final class Serve {
        final Process process;
        final Path out;
        final Path err;
        URI api;
        String token;

        Serve(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        void awaitReady(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String text = Files.readString(out);
                if (text.contains("Ready in")) {
                    Matcher url = API_URL.matcher(text);
                    assertThat(url.find()).as("serve prints the API URL: %s", text).isTrue();
                    api = URI.create(url.group(1));
                    Matcher t = API_TOKEN.matcher(text);
                    token = t.find() ? t.group(1) : null;
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("serve exited " + process.exitValue() + ": " + Files.readString(err));
                }
                Thread.sleep(200);
            }
            throw new AssertionError("serve not ready within " + timeout + ": " + Files.readString(err));
        }

        /** SIGKILL: no shutdown hook, nothing flushed or closed. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String upload(Path file) throws Exception {
            String body = JSON.createObjectNode().put("fileName", file.getFileName().toString())
                    .put("contentLength", Files.size(file)).toString();
            HttpResponse<String> created = http.send(request("/uploads").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as("POST /uploads: %s", created.body()).isEqualTo(201);
            JsonNode c = JSON.readTree(created.body());
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(c.path("uploadUrl").asText()));
            c.path("headers").properties().forEach(h -> {
                if (!List.of("content-length", "host").contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    put.header(h.getKey(), h.getValue().asText());
                }
            });
            put.method("PUT", HttpRequest.BodyPublishers.ofFile(file));
            assertThat(http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            return c.path("uploadId").asText();
        }

        JsonNode awaitFinished(String uploadId, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(request("/uploads/" + uploadId).GET().build(), HttpResponse.BodyHandlers.ofString());
                last = JSON.readTree(r.body());
                if (List.of("COMPLETED", "FAILED").contains(last.path("status").asText())) {
                    return last;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("upload not finished within " + timeout + ": " + last + "\n" + tail(err));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30));
            return token == null ? b : b.header("Authorization", "Bearer " + token);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
