package dev.cobranca.emulators;

import com.zaxxer.hikari.HikariDataSource;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.postgres.DatabaseConfig;
import dev.cobranca.migrations.Migrations;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * A fresh database {@code cobranca_test_<random>} with the migrations applied, dropped on {@link #close()}.
 * The server comes from system property {@code cobranca.test.databaseUrl}, else env {@code DATABASE_URL},
 * else {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String URL_PROPERTY = "cobranca.test.databaseUrl";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminUrl;
    private final String name;
    private final String jdbcUrl;
    private final HikariDataSource dataSource;

    private TestDatabase(String adminUrl, String name, String jdbcUrl, HikariDataSource dataSource) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
    }

    /** @throws PostgresUnavailableException when the server cannot be reached (the message says how to start it) */
    public static TestDatabase create() {
        return create(serverUrl());
    }

    /** A fresh database on the server that {@code adminUrl} reaches (its database part is only used to connect). */
    public static TestDatabase create(String adminUrl) {
        return create(adminUrl, true);
    }

    /** A fresh database without the migrations: for testing what applies them. */
    public static TestDatabase empty() {
        return create(serverUrl(), false);
    }

    private static TestDatabase create(String adminUrl, boolean migrate) {
        EmulatorLogging.quiet();
        String name = "cobranca_test_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        execute(adminUrl, "CREATE DATABASE " + name);
        String url = JdbcUrls.withDatabase(adminUrl, name);
        HikariDataSource pool = null;
        try {
            pool = DataSources.create(new DatabaseConfig(url, null, null, 4), name);
            if (migrate) {
                Migrations.apply(pool);
            }
            return new TestDatabase(adminUrl, name, url, pool);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            dropQuietly(adminUrl, name, e);
            throw e;
        }
    }

    /** The server integration tests use, as configured (see the class comment). */
    public static String serverUrl() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv("DATABASE_URL");
        }
        return url == null || url.isBlank() ? JdbcUrls.DEFAULT_URL : url;
    }

    /** The database's name, {@code cobranca_test_<random>}. */
    public String name() {
        return name;
    }

    /** A JDBC URL for this database (user and password as in the server URL), e.g. for {@code DATABASE_URL}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A small pool (4 connections) on this database. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void dropQuietly(String adminUrl, String name, RuntimeException failure) {
        try {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void execute(String adminUrl, String sql) {
        try (Connection c = JdbcUrls.connect(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + JdbcUrls.masked(adminUrl) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + "]";
    }
}
