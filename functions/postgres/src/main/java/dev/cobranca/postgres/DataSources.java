package dev.cobranca.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the function's connection pool, once per execution environment. */
public final class DataSources {

    private DataSources() {
    }

    /**
     * @throws IllegalStateException at init, when certificate verification is asked for and the CA bundle is missing
     */
    public static HikariDataSource create(DatabaseConfig config, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        RotatingCredentials rotating = null;
        if (config.credentials() != null) {
            rotating = new RotatingCredentials(config.user() == null ? null : new DatabaseCredentials(config.user(), config.password()),
                    config.credentials());
            hikari.setCredentialsProvider(rotating);
        } else {
            if (config.user() != null) {
                hikari.setUsername(config.user());
            }
            if (config.password() != null) {
                hikari.setPassword(config.password());
            }
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
        tls(config, hikari);
        if (config.statementTimeoutMs() > 0) {
            // a runaway query is cancelled by the server, and its connection comes back to the pool
            hikari.setConnectionInitSql("set statement_timeout = " + config.statementTimeoutMs());
        }
        return rotating == null ? new HikariDataSource(hikari) : new RotatingDataSource(hikari, rotating);
    }

    private static void tls(DatabaseConfig config, HikariConfig hikari) {
        if (config.urlSetsSslMode()) {
            return;
        }
        hikari.addDataSourceProperty("sslmode", config.sslMode());
        if (!config.verifiesCertificate()) {
            return;
        }
        if (config.sslRootCert().equals(DatabaseConfig.SYSTEM_TRUST)) {
            hikari.addDataSourceProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        } else {
            TrustBundle.load(config.sslRootCert()); // fail now, at init, rather than at the first query
            hikari.addDataSourceProperty("sslfactory", PemTrustSslFactory.class.getName());
            hikari.addDataSourceProperty("sslfactoryarg", config.sslRootCert());
        }
    }
}
