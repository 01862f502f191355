package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.emulators.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner as a user runs it: commands, exit codes, and the files a person opens afterwards. */
class LocalRunnerIT {

    private static TestDatabase db;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void demo_shouldCompleteTheUpload_andLeaveBoletosEmailsAndReport() throws Exception {
        int code = run("demo", "--rows", "40", "--dirty", "10", "--seed", "7", "--port", "0",
                "--timeout", "PT3M", "--stall-timeout", "PT1M");

        assertThat(code).isZero();
        Path bucket = dataDir.resolve("s3/cobranca-local-000000000000-uploads");
        long accepted = scalar("select rows_accepted from uploads where status = 'COMPLETED'");
        assertThat(accepted).isBetween(30L, 39L);
        assertThat(files(bucket.resolve("invoices"), ".pdf")).hasSize((int) accepted)
                .allSatisfy(pdf -> assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII)));
        // the local bank settles a share of the titles (--bank-pay-share, 0.3 by default) in a retorno after its
        // confirmations (--bank-pay-delay): a title paid before its e-mail went out needs none, so every charge is
        // e-mailed or paid, and each e-mailed one left its .eml; demo waits for those payments before it exits
        long emailed = scalar("select count(*) from charges where status = 'EMAILED'");
        long paid = scalar("select count(*) from charges where status = 'PAID' and bank_status = 'SETTLED'");
        assertThat(emailed + paid).isEqualTo(accepted);
        assertThat(paid).as("the bank loop closed: some titles settled").isPositive();
        assertThat(files(dataDir.resolve("mail"), ".eml")).hasSizeBetween((int) emailed, (int) accepted);
        assertThat(files(bucket.resolve("remittances"), ".rem")).isNotEmpty();
        assertThat(files(bucket.resolve("reports"), "rejected.csv")).hasSize(1);
    }

    @Test
    void invoke_shouldPrintTheFunctionsResponse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = run("invoke", "ApiFunction", "--event", "../../events/api/http-get-upload.json");
        } finally {
            System.setOut(original);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":404");
    }

    @Test
    void shouldExitWithClearCodes_forUserMistakes() throws IOException {
        Path badEvent = dataDir.resolve("bad.json");
        Files.writeString(badEvent, "{ not json");

        assertThat(run("invoke", "NoSuchFunction", "--event", "../../events/api/http-get-upload.json"))
                .isEqualTo(ExitCodes.UNKNOWN_FUNCTION);
        assertThat(run("invoke", "ApiFunction", "--event", badEvent.toString())).isEqualTo(ExitCodes.MALFORMED_EVENT);
        assertThat(run("invoke", "ApiFunction", "--event", "missing.json")).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        assertThat(run("run", "--file", "missing.csv")).isEqualTo(ExitCodes.FILE_NOT_FOUND);
        assertThat(CobrancaLocal.execute(new String[] {"invoke", "ApiFunction", "--event",
            "../../events/api/http-get-upload.json", "--template", "../../template.yaml", "--data-dir", dataDir.toString(),
            "--database-url", "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2"}, System.out, System.err))
                .isEqualTo(ExitCodes.POSTGRES_UNREACHABLE);
    }

    @Test
    void serve_shouldRefuseATakenPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(run("run", "--file", "../../template.yaml", "--port", String.valueOf(taken.getLocalPort())))
                    .isEqualTo(ExitCodes.PORT_IN_USE);
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--template", "../../template.yaml", "--data-dir", dataDir.toString(),
                "--database-url", db.jdbcUrl()));
        if (args[0].equals("demo") || args[0].equals("run")) {
            all.addAll(List.of("--visibility-timeout", "5"));
        }
        return CobrancaLocal.execute(all.toArray(String[]::new), System.out, System.err);
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
