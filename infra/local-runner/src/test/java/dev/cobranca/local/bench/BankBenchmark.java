package dev.cobranca.local.bench;

import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.testfixtures.ChildJvm;
import dev.cobranca.testfixtures.Cpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bank files' benchmark against the database (bench/bank/run.sh): in one fresh database, ROWS rows imported by the
 * CSV import (the import benchmark's own fork, -Xmx256m: the baseline), made invoiced by one SQL update (the invoice
 * function's work is not what is measured here), sent to the bank by the remittance function (remessas into the S3
 * emulator, -Xmx256m), then a retorno of ROWS occurrences for those titles, written by the production retorno writer
 * straight to files, applied by the bank-return function (-Xmx256m). Prints titles/s of each, their ratio to the
 * import's rows/s, and each JVM's live heap.
 *
 * <p>Arguments: {@code rows} (default 1000000), {@code workDir}.
 */
public final class BankBenchmark {

    static final String CONVENIO = "1234567";
    static final String BUCKET = "bench-bank";
    /** The import benchmark's JVM (functions/csv-import's test classes, on this classpath by bench/bank/run.sh). */
    private static final String IMPORT_MAIN = "dev.cobranca.csvimport.bench.ImportBenchmarkChild";

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path work = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target-bench/bank").toAbsolutePath());
        Path csv = work.resolve("sample-" + rows + ".csv");
        if (!Files.exists(csv)) {
            SampleDebtGenerator.write(csv, rows, 20261127L, 0); // the import benchmark's sample
        }
        Path s3Dir = Files.createDirectories(work.resolve("s3-" + UUID.randomUUID()));
        String[] imported;
        String[] remitted;
        String[] returned;
        String remessas;
        String outcome;
        int retornoFiles;
        try (S3Emulator s3 = S3Emulator.start(s3Dir); SqsEmulator sqs = SqsEmulator.start(); TestDatabase db = TestDatabase.create()) {
            s3.createBucket(BUCKET);
            String key = "uploads/bench-bank.csv";
            s3.client().putObject(b -> b.bucket(BUCKET).key(key).contentType("text/csv"), RequestBody.fromFile(csv));
            checkpoint();
            String eTag = s3.client().headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", "");
            imported = fork(IMPORT_MAIN, List.of(key, Long.toString(Files.size(csv)), "ObjectCreated:Put", eTag), db, s3,
                    Map.of("INVOICE_QUEUE_URL", sqs.createQueue("bench-bank-invoice"), "DATABASE_POOL_SIZE", "2",
                            "INVOICE_MESSAGE_DEBT_IDS", "500", "AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString()));
            expect(db, "select count(*) from charges", rows, "charges after the import");

            invoice(db);
            checkpoint();
            long pg = Cpu.postgresTicks();
            remitted = child(BankBenchmarkChild.REMITTANCE, List.of(), db, s3);
            System.out.printf("PostgreSQL CPU during the remessa: %.1f s%n", (Cpu.postgresTicks() - pg) / 100.0);
            remitted[1] = remitted[1].split(" ")[0];
            expect(db, "select count(*) from charges where remittance_id is null", 0, "titles in no remessa");
            remessas = query(db, "select count(*) || ' remessas (titles: ' || string_agg(title_count::text, ', ' order by nsa) || ')'"
                    + " from remittances");
            expect(db, "select count(*) from remittances where status = 'WRITTEN'",
                    Long.parseLong(query(db, "select count(*) from remittances")), "remessas WRITTEN");

            List<String> keys = BenchRetornos.write(db.dataSource(), s3, BUCKET, work);
            retornoFiles = keys.size();
            checkpoint();
            pg = Cpu.postgresTicks();
            returned = concurrently(keys, db, s3);
            System.out.printf("PostgreSQL CPU during the retorno: %.1f s%n", (Cpu.postgresTicks() - pg) / 100.0);
            expect(db, "select count(*) from bank_events where debt_id is not null", rows, "occurrences stored");
            outcome = query(db, "select string_agg(bank_status || ' ' || n, ', ' order by bank_status) from "
                    + "(select bank_status, count(*) n from charges group by bank_status) s");
        } finally {
            deleteTree(s3Dir);
        }
        double importRate = rate(rows, imported[0]);
        double remittanceRate = rate(rows, remitted[0]);
        double retornoRate = rate(rows, returned[0]);
        System.out.printf("%n== bank files of %,d titles, one database ==%n", rows);
        System.out.printf("CSV import (S3 -> COPY -> charges):      %6.1f s  %,9.0f rows/s    live heap %s%n",
                seconds(imported[0]), importRate, imported[1].replaceFirst("\\(.*", ""));
        System.out.printf("remessa (charges -> CNAB 240 -> S3):     %6.1f s  %,9.0f titles/s  live heap %s  ratio to the import %.2f  (%s)%n",
                seconds(remitted[0]), remittanceRate, remitted[1], remittanceRate / importRate, remessas);
        System.out.printf("retorno (S3 -> CNAB 240 -> charges):     %6.1f s  %,9.0f titles/s  live heap %s  ratio to the import %.2f  (%d files at once)%n",
                seconds(returned[0]), retornoRate, returned[1], retornoRate / importRate, retornoFiles);
        System.out.printf("charges by bank status: %s%n", outcome);
        System.out.printf("%n| rows | import rows/s | remessa titles/s (x import) | retorno titles/s (x import) | live heap import / remessa / retorno |%n"
                + "|---|---|---|---|---|%n| %,d | %,.0f | %,.0f (%.2f) | %,.0f (%.2f) | %s / %s / %s |%n", rows, importRate,
                remittanceRate, remittanceRate / importRate, retornoRate, retornoRate / importRate,
                imported[1].replaceFirst("\\(.*", ""), remitted[1], returned[1]);
    }

    /**
     * The invoice function's effect, in one statement (what is measured is the bank side, not the boletos): every
     * charge INVOICED with a nosso número of the convênio and a boleto due date, as the invoice function sets them.
     * Then VACUUM ANALYZE, as autovacuum would have done while the invoices trickled in over minutes.
     */
    private static void invoice(TestDatabase db) throws SQLException {
        long t = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("update charges set status = 'INVOICED', invoiced_at = now(), nosso_numero = '" + CONVENIO
                    + "' || lpad(seq::text, 10, '0'), boleto_due_date = greatest(due_date, current_date + 5)");
            s.execute("vacuum analyze charges");
        }
        System.out.printf("charges made INVOICED by SQL (not timed) in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    /**
     * One retorno JVM per file, all at once, as S3 invokes one function instance per object created: {wall-clock ms
     * from the first start to the last end, the largest live heap}.
     */
    private static String[] concurrently(List<String> keys, TestDatabase db, S3Emulator s3) throws Exception {
        List<Future<String[]>> runs = new ArrayList<>();
        try (ExecutorService forks = Executors.newFixedThreadPool(keys.size())) {
            for (String key : keys) {
                runs.add(forks.submit(() -> child(BankBenchmarkChild.RETORNO, List.of(key), db, s3)));
            }
        }
        long start = Long.MAX_VALUE;
        long end = 0;
        long heap = 0;
        for (Future<String[]> run : runs) {
            String[] rest = run.get()[1].split(" ");
            heap = Math.max(heap, Long.parseLong(rest[0].replace("MB", "")));
            start = Math.min(start, Long.parseLong(rest[1]));
            end = Math.max(end, Long.parseLong(rest[2]));
        }
        return new String[] {Long.toString(end - start), heap + "MB"};
    }

    /** Forks {@link BankBenchmarkChild} in {@code mode}, with the function's environment; returns {ms, live heap}. */
    private static String[] child(String mode, List<String> args, TestDatabase db, S3Emulator s3) throws Exception {
        List<String> all = new ArrayList<>(List.of(mode));
        all.addAll(args);
        // the template's defaults for the beneficiary
        return fork(BankBenchmarkChild.class.getName(), all, db, s3, Map.of("BOLETO_AGENCY", "1234", "BOLETO_ACCOUNT", "56789",
                "BOLETO_CONVENIO", CONVENIO, "BOLETO_WALLET", "17", "BENEFICIARY_NAME", "Cobrança Exemplo Ltda",
                "BENEFICIARY_CNPJ", "11222333000181"));
    }

    /**
     * A function's JVM, -Xmx256m as the template's JAVA_TOOL_OPTIONS, wired from the environment as in Lambda; its
     * last {@code RESULT <ms> <heap>} line is returned as {ms, heap}.
     */
    private static String[] fork(String main, List<String> args, TestDatabase db, S3Emulator s3, Map<String, String> extra)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.log.dev.cobranca=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(Map.of("DATABASE_URL", db.jdbcUrl(), "BUCKET_NAME", BUCKET, "S3_FORCE_PATH_STYLE", "true",
                "AWS_REGION", s3.region(), "AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                "AWS_ENDPOINT_URL_S3", s3.endpoint().toString()));
        env.putAll(extra);
        return ChildJvm.result(pb, main);
    }

    private static void expect(TestDatabase db, String sql, long expected, String what) throws SQLException {
        long actual = Long.parseLong(query(db, sql));
        if (actual != expected) {
            throw new IllegalStateException(what + ": " + actual + ", expected " + expected);
        }
    }

    private static String query(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Each timed phase starts from a clean checkpoint, so none pays for the WAL of the one before. */
    private static void checkpoint() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.serverUrl()); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
    }

    private static double rate(long rows, String millis) {
        return rows * 1000.0 / Long.parseLong(millis);
    }

    private static double seconds(String millis) {
        return Long.parseLong(millis) / 1000.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
