package dev.cobranca.api.http;

import java.util.Map;

/** A JSON response: the status, extra headers and the serialised body. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }
}
