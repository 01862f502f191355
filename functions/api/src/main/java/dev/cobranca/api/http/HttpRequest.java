package dev.cobranca.api.http;

import java.util.Map;

/**
 * What the routes need from an HTTP request, free of Lambda types.
 *
 * @param headers lower-case names (HTTP API v2 already delivers them so)
 * @param query   decoded query parameters; a repeated parameter arrives comma-joined, as API Gateway sends it
 * @param body    raw body bytes (base64 already decoded), empty when there is none
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] body,
        String requestId) {

    public HttpRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
