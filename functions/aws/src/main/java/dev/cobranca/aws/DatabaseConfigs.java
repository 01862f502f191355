package dev.cobranca.aws;

import dev.cobranca.postgres.DatabaseConfig;
import java.util.Map;

/**
 * {@link DatabaseConfig} from the environment; on AWS the credentials come from the Secrets Manager secret
 * named by {@code DATABASE_SECRET_ARN}, elsewhere from {@code DATABASE_USER}/{@code DATABASE_PASSWORD} or the URL.
 */
public final class DatabaseConfigs {

    private DatabaseConfigs() {
    }

    public static DatabaseConfig fromEnv(Map<String, String> env) {
        DatabaseConfig plain = DatabaseConfig.fromEnv(env);
        String secretArn = env.get("DATABASE_SECRET_ARN");
        if (secretArn == null || secretArn.isBlank()) {
            return plain;
        }
        SecretCredentials credentials = SecretCredentials.fetch(secretArn.trim());
        return new DatabaseConfig(plain.jdbcUrl(), credentials.username(), credentials.password(), plain.poolSize());
    }
}
