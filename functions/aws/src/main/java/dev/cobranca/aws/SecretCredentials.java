package dev.cobranca.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A username and password kept in AWS Secrets Manager as {@code {"username": ..., "password": ...}}. */
public record SecretCredentials(String username, String password) {

    @Override
    public String toString() {
        return "SecretCredentials[username=" + username + ", password=***]";
    }

    /** Reads the secret once, at init. */
    public static SecretCredentials fetch(String secretArn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String json = client.getSecretValue(b -> b.secretId(secretArn)).secretString();
            JsonNode node = new ObjectMapper().readTree(json);
            JsonNode user = node.get("username");
            JsonNode password = node.get("password");
            if (user == null || password == null) {
                throw new IllegalStateException("secret " + secretArn + " must hold \"username\" and \"password\"");
            }
            return new SecretCredentials(user.asText(), password.asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("secret " + secretArn + " is not JSON", e);
        }
    }
}
