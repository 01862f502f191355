package dev.cobranca.postgres;

import dev.cobranca.core.config.Env;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a function reaches PostgreSQL.
 *
 * @param jdbcUrl            {@code DATABASE_URL}, a JDBC URL (it may carry {@code user} and {@code password} parameters)
 * @param user               {@code DATABASE_USER}, optional
 * @param password           {@code DATABASE_PASSWORD}, optional
 * @param poolSize           {@code DATABASE_POOL_SIZE}, default 2: Lambda runs one request at a time per environment
 * @param sslMode            {@code DATABASE_SSL_MODE}: libpq's sslmode; default verify-full, or disable when every host
 *                           of the URL is this machine (loopback). A {@code sslmode} in the URL itself wins.
 * @param sslRootCert        {@code DATABASE_SSL_ROOT_CERT}: the CA certificates (PEM) a verify-* mode trusts, as a file
 *                           path or {@code classpath:resource}; {@code system} = the JDK's trust store. Default: the
 *                           RDS CA bundle packaged with the function ({@value #RDS_CA_BUNDLE}).
 * @param statementTimeoutMs {@code DATABASE_STATEMENT_TIMEOUT_MS}, default 60000: PostgreSQL cancels a statement
 *                           running longer (0 = never), so a stuck query cannot hold a connection past the function's life
 * @param credentials        where fresh credentials come from after a rotation (the secret, read again); null when
 *                           they are fixed
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize, String sslMode,
                             String sslRootCert, long statementTimeoutMs, Supplier<DatabaseCredentials> credentials) {

    public static final String RDS_CA_BUNDLE = "classpath:rds-ca/global-bundle.pem";
    public static final String SYSTEM_TRUST = "system";
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    static final long DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

    public DatabaseConfig {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is required (a JDBC URL such as jdbc:postgresql://host:5432/db).");
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql: (got a URL for another driver).");
        }
        if (poolSize < 1 || poolSize > 20) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be between 1 and 20, got " + poolSize + ".");
        }
        if (sslMode == null || sslMode.isBlank()) {
            sslMode = defaultSslMode(jdbcUrl);
        }
        sslMode = sslMode.trim().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("DATABASE_SSL_MODE must be one of " + SSL_MODES + ", got '" + sslMode + "'.");
        }
        if (sslRootCert == null || sslRootCert.isBlank()) {
            sslRootCert = RDS_CA_BUNDLE;
        }
        if (statementTimeoutMs < 0) {
            throw new IllegalArgumentException("DATABASE_STATEMENT_TIMEOUT_MS must be 0 (none) or more, got " + statementTimeoutMs + ".");
        }
    }

    /** Fixed credentials, the default TLS rule and statement timeout (tests, the local runner). */
    public DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, null, null, DEFAULT_STATEMENT_TIMEOUT_MS, null);
    }

    public static DatabaseConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        return new DatabaseConfig(
                vars.optional("DATABASE_URL"),
                vars.optional("DATABASE_USER"),
                vars.optional("DATABASE_PASSWORD"),
                vars.range("DATABASE_POOL_SIZE", 2, 1, 20),
                vars.optional("DATABASE_SSL_MODE"),
                vars.optional("DATABASE_SSL_ROOT_CERT"),
                vars.range("DATABASE_STATEMENT_TIMEOUT_MS", DEFAULT_STATEMENT_TIMEOUT_MS, 0, 24L * 3600 * 1000),
                null);
    }

    /**
     * As {@link #fromEnv(Map)}; on AWS the credentials come from the secret named by {@code DATABASE_SECRET_ARN}
     * (read at init, and again when PostgreSQL refuses them after a rotation), elsewhere from
     * {@code DATABASE_USER}/{@code DATABASE_PASSWORD} or the URL.
     */
    public static DatabaseConfig fromEnv(Map<String, String> env, SecretReader secrets) {
        DatabaseConfig plain = fromEnv(env);
        String secretArn = env.get("DATABASE_SECRET_ARN");
        if (secretArn == null || secretArn.isBlank()) {
            return plain;
        }
        String arn = secretArn.trim();
        return plain.withCredentials(DatabaseCredentials.ofSecret(arn, secrets.read(arn)),
                () -> DatabaseCredentials.ofSecret(arn, secrets.read(arn)));
    }

    /** The same settings with credentials that can be fetched again (a rotated secret). */
    public DatabaseConfig withCredentials(DatabaseCredentials current, Supplier<DatabaseCredentials> fresh) {
        return new DatabaseConfig(jdbcUrl, current.user(), current.password(), poolSize, sslMode, sslRootCert,
                statementTimeoutMs, fresh);
    }

    /** The same settings with at least {@code minimum} connections in the pool. */
    public DatabaseConfig withPoolSizeAtLeast(int minimum) {
        return poolSize >= minimum ? this : new DatabaseConfig(jdbcUrl, user, password, minimum, sslMode, sslRootCert,
                statementTimeoutMs, credentials);
    }

    /** True when the URL's own {@code sslmode} parameter decides (it overrides connection properties in pgjdbc). */
    public boolean urlSetsSslMode() {
        return jdbcUrl.toLowerCase(Locale.ROOT).matches(".*[?&]sslmode=.*");
    }

    public boolean verifiesCertificate() {
        return !urlSetsSslMode() && sslMode.startsWith("verify-");
    }

    /** TLS for anything across a network; a database on this machine's loopback needs none (tests, local runner). */
    static String defaultSslMode(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            return "disable"; // jdbc:postgresql:db is localhost
        }
        int end = rest.indexOf('/', 2);
        String hosts = rest.substring(2, end < 0 ? rest.length() : end);
        int q = hosts.indexOf('?');
        hosts = q < 0 ? hosts : hosts.substring(0, q);
        for (String hostPort : hosts.split(",")) {
            String host = hostPort.startsWith("[") ? hostPort.substring(1, Math.max(1, hostPort.indexOf(']')))
                    : hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
            host = host.toLowerCase(Locale.ROOT);
            boolean loopback = host.isEmpty() || host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
            if (!loopback) {
                return "verify-full";
            }
        }
        return "disable";
    }

    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl.replaceAll("password=[^&]*", "password=***")
                + ", user=" + user + ", poolSize=" + poolSize + ", sslMode=" + sslMode + ", sslRootCert=" + sslRootCert
                + ", statementTimeoutMs=" + statementTimeoutMs + "]";
    }
}
