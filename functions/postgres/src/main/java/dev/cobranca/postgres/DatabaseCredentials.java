package dev.cobranca.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** A database user and password; the password never appears in logs. */
public record DatabaseCredentials(String user, String password) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** From a secret kept as RDS keeps a database's: {@code {"username": ..., "password": ...}}. */
    static DatabaseCredentials ofSecret(String secretArn, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("secret " + secretArn + " is not JSON", e);
        }
        if (node == null || !node.hasNonNull("username") || !node.hasNonNull("password")) {
            throw new IllegalStateException("secret " + secretArn + " must hold \"username\" and \"password\"");
        }
        return new DatabaseCredentials(node.get("username").asText(), node.get("password").asText());
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + ", password=***]";
    }
}
