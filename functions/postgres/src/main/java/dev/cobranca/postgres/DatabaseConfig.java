package dev.cobranca.postgres;

import dev.cobranca.core.config.Env;
import java.util.Map;

/**
 * How a function reaches PostgreSQL.
 *
 * @param jdbcUrl  {@code DATABASE_URL}, a JDBC URL (it may carry {@code user} and {@code password} parameters)
 * @param user     {@code DATABASE_USER}, optional
 * @param password {@code DATABASE_PASSWORD}, optional
 * @param poolSize {@code DATABASE_POOL_SIZE}, default 2: Lambda runs one request at a time per environment
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {

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
    }

    public static DatabaseConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        return new DatabaseConfig(
                vars.optional("DATABASE_URL"),
                vars.optional("DATABASE_USER"),
                vars.optional("DATABASE_PASSWORD"),
                vars.range("DATABASE_POOL_SIZE", 2, 1, 20));
    }

    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl.replaceAll("password=[^&]*", "password=***")
                + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
