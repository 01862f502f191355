package dev.cobranca.local.wiring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cobranca.emulators.PortInUseException;
import dev.cobranca.local.runtime.FunctionErrorException;
import dev.cobranca.local.runtime.LambdaFunction;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API Gateway HTTP API on a local port: matches the template's routes ({@code GET /uploads/{id}},
 * {@code {proxy+}}, {@code ANY}, {@code $default}), turns the request into a payload 2.0 event, invokes the
 * function and turns its response (status, headers, cookies, body, base64) back into HTTP.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    /**
     * A route bound to a function.
     *
     * @param scopes the scopes a token needs (the route's AuthorizationScopes); null = no authorizer on this route
     */
    public record Route(String method, String path, LambdaFunction function, List<String> scopes) {
        public Route(String method, String path, LambdaFunction function) {
            this(method, path, function, List.of());
        }

        String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }

        boolean guarded() {
            return scopes != null;
        }
    }

    private record CompiledRoute(Route route, Pattern pattern, List<String> names, int literalLength) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<CompiledRoute> routes = new ArrayList<>();
    private final LocalAuthorizer authorizer;

    /** @param authorizer checks the bearer token of every guarded route */
    public HttpApiServer(int port, List<Route> routes, LocalAuthorizer authorizer) {
        this.authorizer = authorizer;
        for (Route r : routes) {
            this.routes.add(compile(r));
        }
        // most specific first: longer literal parts, then fewer variables; greedy and $default last
        this.routes.sort((a, b) -> b.literalLength() != a.literalLength()
                ? Integer.compare(b.literalLength(), a.literalLength())
                : Integer.compare(a.names().size(), b.names().size()));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (BindException e) {
            throw new PortInUseException("The HTTP API cannot listen on port " + port
                    + ": it is already in use. Stop what uses it or pass --port.", port, e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the HTTP API on port " + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private static CompiledRoute compile(Route r) {
        if (r.path().equals("$default")) {
            return new CompiledRoute(r, Pattern.compile(".*"), List.of(), -1);
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int literal = 0;
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(r.path());
        int last = 0;
        while (m.find()) {
            String lit = r.path().substring(last, m.start());
            regex.append(Pattern.quote(lit));
            literal += lit.length();
            String name = m.group(1);
            if (name.endsWith("+")) {
                names.add(name.substring(0, name.length() - 1));
                regex.append("(.+)");
            } else {
                names.add(name);
                regex.append("([^/]+)");
            }
            last = m.end();
        }
        String tail = r.path().substring(last);
        regex.append(Pattern.quote(tail));
        literal += tail.length();
        return new CompiledRoute(r, Pattern.compile(regex.toString()), names, literal);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            URI uri = exchange.getRequestURI();
            String rawPath = uri.getRawPath();
            CompiledRoute match = null;
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (CompiledRoute r : routes) {
                if (!r.route().method().equals("ANY") && !r.route().method().equals(method)) {
                    continue;
                }
                Matcher m = r.pattern().matcher(rawPath);
                if (m.matches()) {
                    match = r;
                    for (int i = 0; i < r.names().size(); i++) {
                        pathParameters.put(r.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                    }
                    break;
                }
            }
            if (match == null) {
                HttpApiPayloads.send(exchange, 404, Map.of("content-type", List.of("application/json")), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Route route = match.route();
            String event;
            if (route.guarded()) {
                // as API Gateway: refused at the gateway, the function is not invoked
                String refusal = authorizer.refusal(exchange.getRequestHeaders().getFirst("Authorization"));
                if (refusal == null && !authorizer.scopes().containsAll(route.scopes())) {
                    refuse(exchange, 403, "forbidden", "the token lacks a scope of " + route.scopes() + ".");
                    return;
                }
                if (refusal != null) {
                    refuse(exchange, 401, "unauthorized", refusal);
                    return;
                }
                event = Events.httpApi(HttpApiPayloads.request(exchange, method, rawPath, route.routeKey(), pathParameters), authorizer.claims(), authorizer.scopes());
            } else {
                event = Events.httpApi(HttpApiPayloads.request(exchange, method, rawPath, route.routeKey(), pathParameters));
            }
            String response;
            try {
                response = match.route().function().invoke(event);
            } catch (FunctionErrorException e) {
                LOG.warn("{} {} -> function error: {}", method, rawPath, e.getMessage());
                HttpApiPayloads.send(exchange, 500, Map.of("content-type", List.of("application/json")),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpApiPayloads.respond(exchange, response);
        } catch (RuntimeException e) {
            LOG.error("HTTP API failed", e);
        }
    }

    private static void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getRequestBody().close();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        if (status == 401) {
            headers.put("WWW-Authenticate", List.of("Bearer"));
        }
        String body = Events.JSON.createObjectNode().put("error", code).put("message", message).toString();
        HttpApiPayloads.send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
