package dev.cobranca.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.emulators.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@code ./cobranca migrate --database-url …}: the schema applied to a database a person can reach. */
class MigrateCommandIT {

    @Test
    void migrate_shouldApplyTheSchemaOnce_thenNothing() throws Exception {
        try (TestDatabase empty = TestDatabase.empty()) {
            Result first = migrate(empty.jdbcUrl());
            Result second = migrate(empty.jdbcUrl());

            assertThat(first.code).as(first.err).isZero();
            assertThat(first.out).matches("(?s)Applied [1-9]\\d* migration\\(s\\); the schema is current\\.\\s*");
            assertThat(second.code).isZero();
            assertThat(second.out).startsWith("Applied 0 migration(s)");
            try (Connection c = empty.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_name in ('uploads', 'charges')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void migrate_shouldFailWithFlywaysMessage_onADatabaseItCannotMigrate() throws Exception {
        try (TestDatabase empty = TestDatabase.empty()) {
            try (Connection c = empty.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table charges (debt_id text)");
            }
            Result result = migrate(empty.jdbcUrl());

            assertThat(result.code).isEqualTo(ExitCodes.MIGRATION_FAILED);
            assertThat(result.err).contains("migration failed").contains("no schema history table");
        }
    }

    @Test
    void migrate_shouldSayPostgresIsUnreachable() {
        Result result = migrate("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2");

        assertThat(result.code).isEqualTo(ExitCodes.POSTGRES_UNREACHABLE);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result migrate(String url) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = CobrancaLocal.execute(new String[] {"migrate", "--database-url", url},
                    System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
