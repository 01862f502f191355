package dev.cobranca.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Small, explicit routing: a method and a path template such as {@code /uploads/{id}}. It routes on the
 * request's own method and path (not API Gateway's routeKey) so an unknown path is a 404 and a known path
 * with another method a 405, whether API Gateway or the local runner sits in front.
 */
public final class Router {

    /** What a route does: the request and its decoded path parameters in, a response out. */
    public interface Action extends BiFunction<HttpRequest, Map<String, String>, HttpResponse> {
    }

    private record Route(String method, String template, String[] segments, Action action) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router route(String method, String template, Action action) {
        routes.add(new Route(method, template, split(template), action));
        return this;
    }

    /** The templates, as {@code "METHOD /path/{param}"}: the OpenAPI test holds the document to them. */
    public List<String> routeKeys() {
        return routes.stream().map(r -> r.method() + " " + r.template()).toList();
    }

    public HttpResponse dispatch(HttpRequest request) {
        String[] path = split(request.path() == null ? "/" : request.path());
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) {
                continue;
            }
            if (route.method().equalsIgnoreCase(request.method())) {
                return route.action().apply(request, params);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no route for " + Json.clip(request.method()) + " " + Json.clip(request.path()) + ".");
        }
        throw new MethodNotAllowed(String.join(", ", allowed),
                Json.clip(request.method()) + " is not allowed on " + Json.clip(request.path()) + "; allowed: " + String.join(", ", allowed) + ".");
    }

    /** A 405, carrying the {@code Allow} header's value. */
    public static final class MethodNotAllowed extends RuntimeException {
        private final String allow;

        MethodNotAllowed(String allow, String message) {
            super(message, null, false, false);
            this.allow = allow;
        }

        public String allow() {
            return allow;
        }
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), decode(path[i]));
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String segment) {
        try {
            // a path segment: '+' is a plus, not a space
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed percent-encoding in the path.");
        }
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }
}
