package dev.cobranca.postgres;

/**
 * Reads a secret's text by its ARN: how {@link DatabaseConfig#fromEnv(java.util.Map, SecretReader)} reaches the
 * credentials {@code DATABASE_SECRET_ARN} names without this module knowing the secret store (AWS Secrets Manager on
 * AWS, wired by each function: {@code Secrets::string} of functions/aws).
 */
@FunctionalInterface
public interface SecretReader {

    String read(String secretArn);
}
