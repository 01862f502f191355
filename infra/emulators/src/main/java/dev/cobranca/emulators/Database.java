package dev.cobranca.emulators;

import com.zaxxer.hikari.HikariDataSource;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.postgres.DatabaseConfig;
import dev.cobranca.migrations.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * An existing database, used as-is (never created or dropped): the local runner's {@code DATABASE_URL}.
 * Opening it checks the server is reachable and applies the Flyway migrations.
 */
public final class Database implements AutoCloseable {

    private final String jdbcUrl;
    private final HikariDataSource dataSource;
    private final int migrationsApplied;

    private Database(String jdbcUrl, HikariDataSource dataSource, int migrationsApplied) {
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * @throws PostgresUnavailableException when the server cannot be reached (the message says how to start it)
     */
    public static Database open(String jdbcUrl, int poolSize) {
        EmulatorLogging.quiet();
        try (Connection probe = JdbcUrls.connect(jdbcUrl)) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot use PostgreSQL at " + JdbcUrls.masked(jdbcUrl) + ": " + e.getMessage(), e);
        }
        HikariDataSource pool = DataSources.create(new DatabaseConfig(jdbcUrl, null, null, poolSize), "cobranca-local");
        try {
            return new Database(jdbcUrl, pool, Migrations.apply(pool));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** How many migrations this open applied (0 when the schema was already current). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
