package dev.cobranca.csvimport.bench;

import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.testfixtures.ChildJvm;
import dev.cobranca.testfixtures.Cpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The import benchmark (bench/import/run.sh): a 1,000,000-row sample in the S3 emulator, imported by the function
 * in a forked JVM limited to -Xmx256m (wired from the environment as in Lambda), against {@code psql \copy} of the
 * same file into the same table (charges, in a freshly migrated database) and, for reference, into a typed table with
 * only the unique index, each in a scratch database of its own.
 *
 * <p>Arguments: {@code rows} (default 1000000), {@code repeats} (default 1), {@code workDir}.
 */
public final class ImportBenchmark {

    static final String BUCKET = "bench-uploads";

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target-bench/import"));
        Path csv = work.resolve("sample-" + rows + ".csv");
        if (!Files.exists(csv)) {
            long t = System.nanoTime();
            SampleDebtGenerator.write(csv, rows, 20261127L, 0);
            System.out.printf("generated %s (%,d bytes) in %d ms%n", csv, Files.size(csv), (System.nanoTime() - t) / 1_000_000);
        }
        List<Long> importMs = new ArrayList<>();
        List<Long> copyMs = new ArrayList<>();
        List<Long> pkOnlyMs = new ArrayList<>();
        List<String> heaps = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        Path s3Dir = Files.createDirectories(work.resolve("s3-" + UUID.randomUUID()));
        try (S3Emulator s3 = S3Emulator.start(s3Dir); SqsEmulator sqs = SqsEmulator.start()) {
            s3.createBucket(BUCKET);
            String key = "uploads/bench.csv";
            s3.client().putObject(b -> b.bucket(BUCKET).key(key).contentType("text/csv"), RequestBody.fromFile(csv));
            warmUp(s3, sqs, key);
            for (int i = 0; i < repeats; i++) {
                loads.add(loadAverage());
                checkpoint();
                copyMs.add(psqlCopyIntoCharges(csv));
                checkpoint();
                pkOnlyMs.add(psqlCopy(csv));
                try (TestDatabase db = TestDatabase.create()) {
                    String queue = sqs.createQueue("bench-invoice-" + i);
                    checkpoint();
                    long[] cpuBefore = {Cpu.selfNanos(), Cpu.postgresTicks()};
                    String[] child = runImport(db, s3, sqs, queue, key, Files.size(csv));
                    System.out.printf("CPU during the import: emulators (this JVM) %.1f s, PostgreSQL %.1f s%n",
                            (Cpu.selfNanos() - cpuBefore[0]) / 1e9, (Cpu.postgresTicks() - cpuBefore[1]) / 100.0);
                    importMs.add(Long.parseLong(child[0]));
                    heaps.add(child[1]);
                    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                         var rs = st.executeQuery("select count(*) from charges")) {
                        rs.next();
                        if (rs.getLong(1) != rows) {
                            throw new IllegalStateException("the import charged " + rs.getLong(1) + " rows, expected " + rows);
                        }
                    }
                    System.out.printf("messages on the queue: %d%n", sqs.approximateMessages(queue));
                }
            }
        } finally {
            deleteTree(s3Dir); // a copy of the sample per run: hundreds of MB left behind otherwise
        }
        long imp = median(importMs);
        long copy = median(copyMs);
        long pkOnly = median(pkOnlyMs);
        System.out.printf("%n== import of %,d rows (%,d bytes) ==%n", rows, Files.size(csv));
        System.out.printf("psql \\copy into charges (the migrated table: all columns, defaults, indexes): %s ms (median %d)%n", copyMs, copy);
        System.out.printf("psql \\copy into a typed table with only the unique index: %s ms (median %d)%n", pkOnlyMs, pkOnly);
        System.out.printf("import (S3 -> COPY -> charges, outbox -> SQS, -Xmx256m): %s ms (median %d)%n", importMs, imp);
        System.out.printf("ratio import / \\copy into charges: %.2f (target <= 1.5)%n", (double) imp / copy);
        System.out.printf("ratio import / \\copy into the unique-index-only table: %.2f%n", (double) imp / pkOnly);
        System.out.printf("%n| run | load avg (1 min) | \\copy charges s | \\copy unique-index-only s | import s | ratio | ratio (unique-index-only) | rows/s | live heap |%n"
                + "|---|---|---|---|---|---|---|---|---|%n");
        for (int i = 0; i < importMs.size(); i++) {
            System.out.printf("| %d | %s | %.1f | %.1f | %.1f | %.2f | %.2f | %,.0f | %s |%n", i + 1, loads.get(i),
                    copyMs.get(i) / 1000.0, pkOnlyMs.get(i) / 1000.0, importMs.get(i) / 1000.0,
                    (double) importMs.get(i) / copyMs.get(i), (double) importMs.get(i) / pkOnlyMs.get(i),
                    rows * 1000.0 / importMs.get(i), heaps.get(i).replaceFirst("\\(.*", ""));
        }
        System.out.printf("import rows/s: %,.0f%n", rows * 1000.0 / imp);
        System.out.printf("import peak heap: %s%n", heaps);
    }

    /**
     * The emulators stand in for S3 and SQS, whose CPU is not this machine's in production: they get their JIT
     * warm-up (one GET of the file, a few thousand messages) before the timed runs, so the first run does not pay it.
     */
    private static void warmUp(S3Emulator s3, SqsEmulator sqs, String key) throws Exception {
        long t = System.nanoTime();
        try (var in = s3.client().getObject(b -> b.bucket(BUCKET).key(key))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String queue = sqs.createQueue("bench-warm-up");
        String body = "x".repeat(4_000);
        try (java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 300; i++) {
                senders.submit(() -> sqs.client().sendMessageBatch(b -> b.queueUrl(queue).entries(
                        java.util.stream.IntStream.range(0, 10).mapToObj(n -> software.amazon.awssdk.services.sqs.model
                                .SendMessageBatchRequestEntry.builder().id("m" + n).messageBody(body).build()).toList())));
            }
        }
        sqs.client().deleteQueue(b -> b.queueUrl(queue));
        System.out.printf("emulators warmed up in %d ms%n", (System.nanoTime() - t) / 1_000_000);
    }

    /**
     * The target's baseline, "psql \copy of the same file into the same table": the charges table of a freshly migrated
     * database (every column, default, constraint and index the import writes), the file's six columns copied in,
     * upload_id from a constant default. Returns the milliseconds psql took.
     */
    static long psqlCopyIntoCharges(Path csv) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            psql(db.name(), "alter table charges alter column upload_id set default '00000000-0000-0000-0000-000000000000'");
            long cpu = Cpu.postgresTicks();
            long t = System.nanoTime();
            psql(db.name(), "\\copy charges (name, government_id, email, amount, due_date, debt_id) from '"
                    + csv.toAbsolutePath() + "' with (format csv, header true)");
            long ms = (System.nanoTime() - t) / 1_000_000;
            System.out.printf("psql \\copy into charges: %d ms, PostgreSQL CPU %.1f s%n", ms, (Cpu.postgresTicks() - cpu) / 100.0);
            return ms;
        }
    }

    /** {@code psql \copy} into a fresh scratch database; returns the milliseconds psql took. */
    static long psqlCopy(Path csv) throws Exception {
        String server = TestDatabase.serverUrl();
        String scratch = "cobranca_bench_copy_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            st.execute("create database " + scratch);
        }
        try {
            psql(scratch, """
                    create table charges_copy (name text not null, government_id text not null, email text not null,
                      amount numeric(12,2) not null check (amount > 0), due_date date not null,
                      debt_id text collate "C" primary key)""");
            long cpu = Cpu.postgresTicks();
            long t = System.nanoTime();
            psql(scratch, "\\copy charges_copy (name, government_id, email, amount, due_date, debt_id) from '"
                    + csv.toAbsolutePath() + "' with (format csv, header true)");
            long ms = (System.nanoTime() - t) / 1_000_000;
            System.out.printf("psql \\copy into the unique-index-only table: %d ms, PostgreSQL CPU %.1f s%n", ms,
                    (Cpu.postgresTicks() - cpu) / 100.0);
            return ms;
        } finally {
            try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
                st.execute("drop database if exists " + scratch + " with (force)");
            }
        }
    }

    private static void psql(String database, String command) throws Exception {
        // host and user as in the test server URL (default 127.0.0.1, postgres)
        String server = TestDatabase.serverUrl();
        String host = server.replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
        String port = server.matches("^jdbc:postgresql://[^:/]+:(\\d+).*") ? server.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+).*$", "$1") : "5432";
        String user = server.contains("user=") ? server.replaceFirst(".*[?&]user=([^&]+).*", "$1") : "postgres";
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user,
                "-d", database, "-c", command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + command);
        }
    }

    /** Forks the import in its own JVM, -Xmx256m, on an {@code ObjectCreated:Put} event; returns {import ms, peak heap}. */
    static String[] runImport(TestDatabase db, S3Emulator s3, SqsEmulator sqs, String queueUrl, String key, long size)
            throws Exception {
        String eTag = s3.client().headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", "");
        return runImport(db, s3, sqs, queueUrl, key, size, "ObjectCreated:Put", eTag);
    }

    /**
     * Forks the import in its own JVM, -Xmx256m, on the S3 event {@code eventName} for the object {@code key} of
     * {@code size} bytes and ETag {@code eTag} (without quotes); returns {import ms, peak heap}.
     */
    static String[] runImport(TestDatabase db, S3Emulator s3, SqsEmulator sqs, String queueUrl, String key, long size,
            String eventName, String eTag) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-XX:+UseSerialGC".equals(System.getenv("BENCH_GC")) ? "-XX:+UseSerialGC" : "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path")));
        String extra = System.getenv("BENCH_JAVA_OPTS"); // e.g. a flight recording of the import JVM
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(ImportBenchmarkChild.class.getName(), key, Long.toString(size), eventName, eTag));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(new HashMap<>(Map.of(
                "DATABASE_URL", db.jdbcUrl(),
                "DATABASE_POOL_SIZE", System.getenv().getOrDefault("BENCH_POOL", "2"),
                "BUCKET_NAME", BUCKET,
                "S3_FORCE_PATH_STYLE", "true",
                "INVOICE_QUEUE_URL", queueUrl,
                                "INVOICE_MESSAGE_DEBT_IDS", System.getenv().getOrDefault("BENCH_DEBT_IDS_PER_MESSAGE", "500"))));
        env.put("AWS_REGION", s3.region());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        return ChildJvm.result(pb, "the import JVM");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Each timed load starts from a clean checkpoint: otherwise the WAL the previous one wrote (hundreds of MB) sets off
     * a checkpoint in the middle of the next, and whichever runs second pays for the first.
     */
    private static void checkpoint() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl()); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
    }

    /** The 1-minute load average as uptime shows it (other builds share this machine). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
