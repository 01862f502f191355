package dev.cobranca.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseIT {

    @Test
    void shouldCreateMigratedDatabase_andDropItOnClose() throws SQLException {
        String name;
        try (TestDatabase db = TestDatabase.create()) {
            name = db.name();
            assertThat(name).startsWith("cobranca_test_");
            assertThat(db.jdbcUrl()).contains("/" + name);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM charges")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThat(exists(name)).isTrue();
        }
        assertThat(exists(name)).isFalse();
    }

    @Test
    void shouldSayHowToStartPostgres_whenUnreachable() {
        assertThatThrownBy(() -> TestDatabase.create("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2"))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("pg_ctlcluster --skip-systemctl-redirect")
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void shouldOpenExistingDatabase_withoutDroppingIt() throws SQLException {
        try (TestDatabase db = TestDatabase.create()) {
            try (Database existing = Database.open(db.jdbcUrl(), 2)) {
                assertThat(existing.migrationsApplied()).isZero();
            }
            assertThat(exists(db.name())).isTrue();
        }
    }

    private static boolean exists(String name) throws SQLException {
        try (Connection c = JdbcUrls.connect(TestDatabase.serverUrl());
             var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
