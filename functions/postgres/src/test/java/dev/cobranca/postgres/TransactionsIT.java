package dev.cobranca.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commit and rollback on a real PostgreSQL: a temporary table on the pool's one connection. */
class TransactionsIT {

    private HikariDataSource pool;

    @BeforeEach
    void open() throws SQLException {
        String url = System.getProperty("cobranca.test.databaseUrl", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        pool = DataSources.create(new DatabaseConfig(url, null, null, 1), "transactions-it");
        Transactions.run(pool, c -> execute(c, "create temp table t (v int)"));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void shouldCommit_whenWorkReturns() throws SQLException {
        int inserted = Transactions.call(pool, c -> {
            execute(c, "insert into t values (1), (2)");
            return 2;
        });

        assertThat(inserted).isEqualTo(2);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void shouldRollBackAndRethrow_whenWorkFails() {
        IllegalStateException failure = new IllegalStateException("refused");

        assertThatThrownBy(() -> Transactions.run(pool, c -> {
            execute(c, "insert into t values (1)");
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> Transactions.run(pool, c -> execute(c, "insert into t values ('not a number')")))
                .isInstanceOf(SQLException.class).hasMessageContaining("integer");

        assertThat(rows()).isZero();
    }

    @Test
    void shouldRollBackAndThrowUnchecked_whenWorkFailsWithIOException() {
        assertThatThrownBy(() -> Transactions.run(pool, c -> {
            execute(c, "insert into t values (1)");
            throw new IOException("stream broke");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("stream broke");

        assertThat(rows()).isZero();
    }

    @Test
    void shouldLeaveConnectionUsable_whenWorkRolledBackItself() throws SQLException {
        Transactions.run(pool, c -> {
            execute(c, "insert into t values (1)");
            c.rollback();
        });
        Transactions.run(pool, c -> execute(c, "insert into t values (2)"));

        assertThat(rows()).isEqualTo(1);
    }

    private long rows() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
