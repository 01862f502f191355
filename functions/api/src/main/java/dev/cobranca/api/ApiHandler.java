package dev.cobranca.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cobranca.api.auth.Caller;
import dev.cobranca.api.http.HttpRequest;
import dev.cobranca.api.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API Gateway HTTP API (payload v2) → {@link ApiRoutes}. Translates the event and nothing more. */
public class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final ApiRoutes routes;

    public ApiHandler() {
        this(System.getenv());
    }

    public ApiHandler(Map<String, String> env) {
        this(DependencyFactory.service(ApiConfig.fromEnv(env)));
    }

    public ApiHandler(ApiService service) {
        this.routes = new ApiRoutes(service);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        HttpRequest request = toRequest(event, context);
        HttpResponse response;
        try {
            response = routes.handle(request);
        } catch (RuntimeException e) { // only if even the error response failed: still no stack trace to the client
            LOG.error("request {} {} failed (requestId {})", request.method(), request.path(), request.requestId(), e);
            response = new HttpResponse(500, Map.of("Content-Type", "application/json"),
                    "{\"error\":\"internal_error\",\"message\":\"Something went wrong on our side.\"}");
        }
        LOG.info("{} {} -> {} in {} ms (requestId {}, client {})", request.method(), request.path(), response.status(),
                (System.nanoTime() - start) / 1_000_000, request.requestId(), request.caller() == null ? "-" : request.caller().clientId());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null || http.getMethod() == null ? "GET" : http.getMethod().toUpperCase(Locale.ROOT);
        String path = event.getRawPath() != null ? event.getRawPath() : http == null ? "/" : http.getPath();
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        Map<String, String> query = new HashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((k, v) -> {
                if (k != null) {
                    query.put(k, v == null ? "" : v);
                }
            });
        }
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId()
                : context != null ? context.getAwsRequestId() : "-";
        return new HttpRequest(method, path, headers, query, body(event), requestId, caller(event));
    }

    /**
     * The client API Gateway's JWT authorizer verified, with its scopes (the {@code scopes} list, or the access token's
     * space-separated {@code scope} claim); null when no authorizer ran.
     */
    static Caller caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var jwt = context == null || context.getAuthorizer() == null ? null : context.getAuthorizer().getJwt();
        if (jwt == null || jwt.getClaims() == null || jwt.getClaims().isEmpty()) {
            return null;
        }
        Map<String, String> claims = jwt.getClaims();
        Set<String> scopes = new LinkedHashSet<>();
        if (jwt.getScopes() != null) {
            jwt.getScopes().forEach(s -> scopes.add(s.strip()));
        }
        String scopeClaim = claims.get("scope");
        if (scopeClaim != null) {
            for (String s : scopeClaim.split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        String client = claims.getOrDefault("client_id", claims.getOrDefault("sub", "-"));
        return new Caller(client, scopes);
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return body.getBytes(StandardCharsets.UTF_8); // not base64 after all: the JSON parser will say what is wrong
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
