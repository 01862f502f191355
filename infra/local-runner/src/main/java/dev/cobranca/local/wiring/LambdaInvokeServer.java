package dev.cobranca.local.wiring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cobranca.local.runtime.FunctionErrorException;
import dev.cobranca.local.runtime.LambdaFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}) for the runner's functions, so
 * a function that invokes another does it with the Lambda SDK and {@code AWS_ENDPOINT_URL_LAMBDA}, as on AWS.
 * {@code X-Amz-Invocation-Type}: {@code Event} answers 202 and runs the function in the background (a function
 * error is retried twice, as Lambda retries asynchronous invocations); {@code RequestResponse} (the default) answers
 * 200 with the function's response, or with its error and {@code X-Amz-Function-Error: Unhandled}; {@code DryRun}
 * answers 204. The name may be the function's name (its logical id here) or an ARN. Requests are not authenticated.
 */
public final class LambdaInvokeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaInvokeServer.class);
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final long[] RETRY_DELAYS_MS = {2_000, 4_000};

    private final HttpServer server;
    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
    private final ExecutorService requests = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("lambda-api-", 0).daemon().factory());
    private final ExecutorService async = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("lambda-event-", 0).daemon().factory());

    public LambdaInvokeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open the Lambda API endpoint", e);
        }
        server.setExecutor(requests);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes a function invocable by its name. */
    public void register(LambdaFunction function) {
        functions.put(function.name(), function);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches() || !exchange.getRequestMethod().equals("POST")) {
                error(exchange, 404, "UnknownOperationException", "not a Lambda Invoke request: "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
                return;
            }
            String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            LambdaFunction function = functions.get(functionName(name));
            if (function == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            String payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (payload.isBlank()) {
                payload = "{}";
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            switch (type == null ? "RequestResponse" : type) {
                case "Event" -> {
                    String event = payload;
                    async.submit(() -> invokeWithRetries(function, event));
                    respond(exchange, 202, "", null);
                }
                case "DryRun" -> respond(exchange, 204, null, null);
                case "RequestResponse" -> {
                    try {
                        respond(exchange, 200, function.invoke(payload), null);
                    } catch (FunctionErrorException e) {
                        String body = Events.JSON.createObjectNode().put("errorMessage", e.getMessage())
                                .put("errorType", e.getCause() == null ? "Error" : e.getCause().getClass().getName()).toString();
                        respond(exchange, 200, body, "Unhandled");
                    }
                }
                default -> error(exchange, 400, "InvalidParameterValueException", "unknown invocation type " + type);
            }
        }
    }

    /** {@code name}, {@code arn:aws:lambda:region:account:function:name[:qualifier]} or {@code account:function:name}. */
    static String functionName(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        int i = java.util.Arrays.asList(parts).indexOf("function");
        return i >= 0 && i + 1 < parts.length ? parts[i + 1] : parts[0];
    }

    private static void invokeWithRetries(LambdaFunction function, String event) {
        for (int attempt = 0; ; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (FunctionErrorException e) {
                if (attempt >= RETRY_DELAYS_MS.length) {
                    LOG.error("{} failed (asynchronous invocation) after {} attempts; giving up: {}", function.name(),
                            attempt + 1, e.getMessage());
                    return;
                }
                LOG.warn("{} failed (asynchronous invocation, attempt {}), retrying: {}", function.name(), attempt + 1,
                        e.getMessage());
                try {
                    Thread.sleep(RETRY_DELAYS_MS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("{} could not be invoked: {}", function.name(), e.toString());
                return;
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        String body = Events.JSON.createObjectNode().put("Type", "User").put("message", message).toString();
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        respond(exchange, status, body, null);
    }

    private static void respond(HttpExchange exchange, int status, String body, String functionError) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (functionError != null) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        async.shutdownNow();
        try {
            async.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
