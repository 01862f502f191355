package dev.cobranca.aws;

import dev.cobranca.postgres.DatabaseConfig;
import dev.cobranca.postgres.DatabaseCredentials;
import java.util.Map;

/**
 * {@link DatabaseConfig} from the environment; on AWS the credentials come from the Secrets Manager secret
 * named by {@code DATABASE_SECRET_ARN} (read at init, and again when PostgreSQL refuses them after a rotation),
 * elsewhere from {@code DATABASE_USER}/{@code DATABASE_PASSWORD} or the URL.
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
        String arn = secretArn.trim();
        return plain.withCredentials(read(arn), () -> read(arn));
    }

    private static DatabaseCredentials read(String arn) {
        SecretCredentials c = SecretCredentials.fetch(arn);
        return new DatabaseCredentials(c.username(), c.password());
    }
}
