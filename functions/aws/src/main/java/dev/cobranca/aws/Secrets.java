package dev.cobranca.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A plain-text secret of AWS Secrets Manager (an HMAC key, an API key), read once at init. */
public final class Secrets {

    private Secrets() {
    }

    public static String string(String secretArn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String value = client.getSecretValue(b -> b.secretId(secretArn.trim())).secretString();
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("secret " + secretArn + " holds no text");
            }
            return value;
        }
    }
}
