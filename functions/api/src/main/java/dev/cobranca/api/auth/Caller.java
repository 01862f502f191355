package dev.cobranca.api.auth;

import java.util.Set;

/**
 * Who sent the request, as the JWT authorizer in front of the function established it (API Gateway on AWS, the
 * local runner's emulation of it).
 *
 * @param clientId the token's {@code client_id} (or {@code sub}); for logs, never a person's data
 * @param scopes   the token's OAuth scopes
 */
public record Caller(String clientId, Set<String> scopes) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }
}
