package dev.cobranca.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the function's connection pool, once per execution environment. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setPoolName(poolName);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(0);
        // Lambda freezes the environment between invocations: short idle and lifetime keep
        // connections the database (or a NAT) has dropped meanwhile from being handed out.
        hikari.setIdleTimeout(60_000);
        hikari.setMaxLifetime(300_000);
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", poolName);
        return new HikariDataSource(hikari);
    }
}
