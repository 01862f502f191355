package dev.cobranca.api.http;

import dev.cobranca.api.auth.Caller;
import java.util.Map;

/**
 * What the routes need from an HTTP request, free of Lambda types.
 *
 * @param headers lower-case names (HTTP API v2 already delivers them so)
 * @param query   decoded query parameters; a repeated parameter arrives comma-joined, as API Gateway sends it
 * @param body    raw body bytes (base64 already decoded), empty when there is none
 * @param caller  the client the JWT authorizer authenticated; null when no authorizer vouched for the request
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] body,
        String requestId,
        Caller caller) {

    /** A request no authorizer vouched for. */
    public HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body,
                       String requestId) {
        this(method, path, headers, query, body, requestId, null);
    }

    public HttpRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
