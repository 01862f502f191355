package dev.cobranca.local.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway's payload format 2.0 on a local exchange, both ways: the HTTP request as the event's request, the
 * function's response (status, headers, cookies, body, base64) as the HTTP response.
 */
final class HttpApiPayloads {

    private HttpApiPayloads() {
    }

    /** The request's part of the event: headers (cookies apart), query parameters, body (base64 unless text). */
    static Events.HttpRequest request(HttpExchange exchange, String method, String rawPath, String routeKey,
                                      Map<String, String> pathParameters) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                h.getValue().forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.strip());
                        }
                    }
                });
            } else {
                headers.put(name, String.join(",", h.getValue()));
            }
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (a, b) -> a + "," + b);
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        String body = null;
        boolean base64 = false;
        if (bytes.length > 0) {
            if (isText(headers.get("content-type"))) {
                body = new String(bytes, StandardCharsets.UTF_8);
            } else {
                body = Base64.getEncoder().encodeToString(bytes);
                base64 = true;
            }
        }
        String host = headers.getOrDefault("host", "127.0.0.1");
        return new Events.HttpRequest(method, rawPath, rawQuery, headers, cookies, query, pathParameters, body, base64,
                exchange.getRemoteAddress().getAddress().getHostAddress(), routeKey, host);
    }

    /** API Gateway passes these as text; anything else is base64-encoded. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript")
                || ct.startsWith("application/x-www-form-urlencoded");
    }

    /** Payload 2.0 response: an object with statusCode is taken as is; anything else is a 200 JSON body. */
    static void respond(HttpExchange exchange, String response) throws IOException {
        JsonNode node;
        try {
            node = Events.JSON.readTree(response);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            String body = node != null && node.isTextual() ? node.asText() : response;
            send(exchange, 200, Map.of("content-type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(e -> headers.put(e.getKey(), new ArrayList<>(List.of(e.getValue().asText()))));
        node.path("multiValueHeaders").properties().forEach(e -> {
            List<String> values = headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            e.getValue().forEach(v -> values.add(v.asText()));
        });
        List<String> setCookies = new ArrayList<>();
        node.path("cookies").forEach(c -> setCookies.add(c.asText()));
        if (!setCookies.isEmpty()) {
            headers.put("Set-Cookie", setCookies);
        }
        JsonNode bodyNode = node.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            body = Base64.getDecoder().decode(bodyNode.asText());
        } else {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        send(exchange, node.path("statusCode").asInt(200), headers, body);
    }

    static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body) throws IOException {
        Headers out = exchange.getResponseHeaders();
        headers.forEach((k, v) -> out.put(k, v));
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

}
