package dev.cobranca.local.wiring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What API Gateway's JWT authorizer does on AWS, for one local client: a request to a guarded route must carry
 * {@code Authorization: Bearer <token>} with the token the runner printed; the function then sees the token's
 * claims and scopes in {@code requestContext.authorizer.jwt}, as on AWS. The local token holds every scope.
 */
public final class LocalAuthorizer {

    /** The claims of the local client, as a Cognito client-credentials access token carries them. */
    public static final String CLIENT_ID = "cobranca-local";

    private final String token;
    private final List<String> scopes;

    public LocalAuthorizer(String token, List<String> scopes) {
        if (token == null || token.length() < 16 || token.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
            throw new IllegalArgumentException("the API token must be at least 16 printable characters without spaces.");
        }
        this.token = token;
        this.scopes = List.copyOf(scopes);
    }

    /** A fresh random token: 32 bytes from a SecureRandom, base64url. */
    public static String newToken() {
        return random("cbl_", 32);
    }

    static String random(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String token() {
        return token;
    }

    public List<String> scopes() {
        return scopes;
    }

    /** @return null when the header carries this token; else why not (the 401's message) */
    public String refusal(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "a bearer token is required: Authorization: Bearer <API token printed by cobranca serve>.";
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            return "the Authorization header must be: Bearer <token>.";
        }
        // constant time: how much of a guess matched must not show in the answer's timing
        if (!MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return "the bearer token is not valid.";
        }
        return null;
    }

    public Map<String, String> claims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", "cobranca-local");
        claims.put("sub", CLIENT_ID);
        claims.put("client_id", CLIENT_ID);
        claims.put("token_use", "access");
        claims.put("scope", String.join(" ", scopes));
        return claims;
    }
}
