package dev.cobranca.migration;

import dev.cobranca.aws.Secrets;
import dev.cobranca.postgres.DatabaseConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The migration function's configuration, read once at init.
 *
 * @param database {@code DATABASE_*}: the database the other functions reach, with a pool of two connections
 */
public record MigrationConfig(DatabaseConfig database) {

    /** Variables without which {@link #fromEnv} fails; the template test holds template.yaml to them. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL");

    public static MigrationConfig fromEnv(Map<String, String> env) {
        // Flyway holds one connection for its advisory lock and migrates on a second: one alone deadlocks. Everything
        // else (TLS, timeouts, the secret) is read as every function reads it.
        Map<String, String> withPool = new HashMap<>(env);
        withPool.put("DATABASE_POOL_SIZE", "2");
        return new MigrationConfig(DatabaseConfig.fromEnv(withPool, Secrets::string));
    }
}
