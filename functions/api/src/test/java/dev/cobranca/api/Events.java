package dev.cobranca.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cobranca.testfixtures.LambdaEvents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sample events of events/api, read through Lambda's own serialization. Variations start from a real event
 * and change only what the test is about (path, query, body, content type).
 */
final class Events {

    static final String SAMPLE_UPLOAD_ID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
    static final String SAMPLE_DEBT_ID = "1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca";
    /** The key events/api/http-payment-webhook.json is signed with, at its requestContext.timeEpoch. */
    static final String SAMPLE_WEBHOOK_SECRET = "sample-webhook-secret-do-not-use";
    static final Instant SAMPLE_TIME = Instant.ofEpochSecond(1773342238);

    private Events() {
    }

    static APIGatewayV2HTTPEvent load(String name) {
        return LambdaEvents.load("api/" + name, APIGatewayV2HTTPEvent.class);
    }

    /** A GET of {@code rawPath} (already percent-encoded) with the given query. */
    static APIGatewayV2HTTPEvent get(String rawPath, Map<String, String> query) {
        APIGatewayV2HTTPEvent e = load("http-list-charges.json");
        return at(e, "GET", rawPath, query);
    }

    static APIGatewayV2HTTPEvent get(String rawPath) {
        return get(rawPath, Map.of());
    }

    /** A POST of a JSON body (the content type may be changed: pass null to drop the header). */
    static APIGatewayV2HTTPEvent post(String rawPath, String body, String contentType) {
        APIGatewayV2HTTPEvent e = at(load("http-create-upload.json"), "POST", rawPath, Map.of());
        e.setBody(body);
        e.getHeaders().remove("content-type");
        if (contentType != null) {
            e.getHeaders().put("content-type", contentType);
        }
        e.getHeaders().put("content-length", Integer.toString(body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length));
        return e;
    }

    static APIGatewayV2HTTPEvent post(String rawPath, String body) {
        return post(rawPath, body, "application/json");
    }

    /** A webhook call signed with the sample key at {@code at}, as the provider would send it. */
    static APIGatewayV2HTTPEvent webhook(String body, Instant at) {
        return signed(post("/webhooks/payments", body), SAMPLE_WEBHOOK_SECRET, at);
    }

    /** The same call, without the authorizer's claims (as API Gateway sends a route it does not guard). */
    static APIGatewayV2HTTPEvent signed(APIGatewayV2HTTPEvent e, String secret, Instant at) {
        anonymous(e);
        e.getHeaders().put("cobranca-signature", dev.cobranca.api.webhook.WebhookSignature.sign(secret, at.getEpochSecond(),
                e.getBody() == null ? new byte[0] : e.getBody().getBytes(StandardCharsets.UTF_8)));
        return e;
    }

    /** No token and no authorizer context: what reaches a route no authorizer guards. */
    static APIGatewayV2HTTPEvent anonymous(APIGatewayV2HTTPEvent e) {
        e.getHeaders().remove("authorization");
        e.getRequestContext().setAuthorizer(null);
        return e;
    }

    /** The event as after a token with only these scopes. */
    static APIGatewayV2HTTPEvent withScopes(APIGatewayV2HTTPEvent e, String... scopes) {
        var jwt = e.getRequestContext().getAuthorizer().getJwt();
        jwt.setScopes(List.of(scopes));
        Map<String, String> claims = new java.util.HashMap<>(jwt.getClaims());
        claims.put("scope", String.join(" ", scopes));
        jwt.setClaims(claims);
        return e;
    }

    static APIGatewayV2HTTPEvent method(APIGatewayV2HTTPEvent e, String method) {
        e.getRequestContext().getHttp().setMethod(method);
        e.setRouteKey("$default");
        e.getRequestContext().setRouteKey("$default");
        return e;
    }

    private static APIGatewayV2HTTPEvent at(APIGatewayV2HTTPEvent e, String method, String rawPath, Map<String, String> query) {
        e.setRawPath(rawPath);
        e.getRequestContext().getHttp().setMethod(method);
        e.getRequestContext().getHttp().setPath(rawPath);
        e.setRouteKey("$default"); // as from a catch-all route: the handler routes on method and path itself
        e.getRequestContext().setRouteKey("$default");
        e.setPathParameters(null);
        e.setQueryStringParameters(query.isEmpty() ? null : new java.util.HashMap<>(query));
        e.setRawQueryString(query.entrySet().stream()
                .map(q -> URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        return e;
    }
}
