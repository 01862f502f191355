package dev.cobranca.local;

import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.emulators.SmtpEmulator;
import dev.cobranca.local.runtime.FunctionInitException;
import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.local.template.Intrinsics;
import dev.cobranca.local.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template's functions as this machine runs them: their environment (the template's, evaluated locally, pointed
 * at the emulators) and how many execution environments each may have.
 */
final class LocalFunctions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunctions.class);

    private final StackOptions options;
    private final Intrinsics intrinsics;
    private final SmtpEmulator smtp;
    private final String webhookSecret;
    private final LinkedHashMap<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    LocalFunctions(StackOptions options, Intrinsics intrinsics, SmtpEmulator smtp, String webhookSecret) {
        this.options = options;
        this.intrinsics = intrinsics;
        this.smtp = smtp;
        this.webhookSecret = webhookSecret;
    }

    /**
     * Creates every function of the template, not yet initialised; one whose handler class is not on the classpath
     * (its module is not built in) is left out, with why, in {@link #unavailable()}.
     */
    void createAll(Template template, Consumer<LambdaFunction> created) {
        for (Template.Function f : template.functions()) {
            try {
                LambdaFunction function = new LambdaFunction(f.logicalId(), f.handlerClass(), environment(f), Stack.REGION,
                        f.memoryMb(), f.timeoutSeconds(), concurrency(f));
                functions.put(f.logicalId(), function);
                created.accept(function);
            } catch (FunctionInitException e) {
                if (e.getCause() instanceof ClassNotFoundException) {
                    unavailable.put(f.logicalId(), e.getMessage());
                    LOG.warn(e.getMessage());
                } else {
                    throw e;
                }
            }
        }
    }

    /** One environment per function, built in parallel (class loading dominates): init errors show now. */
    void warmUp() {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, functions.size()))) {
            List<Future<?>> inits = new ArrayList<>();
            for (LambdaFunction f : functions.values()) {
                inits.add(pool.submit(f::warmUp));
            }
            for (Future<?> init : inits) {
                Futures.join(init, "initialising the functions");
            }
        }
    }

    /** By logical id, in the template's order. */
    Map<String, LambdaFunction> functions() {
        return functions;
    }

    /** Logical id to why, for the functions whose handler class is not on the classpath. */
    Map<String, String> unavailable() {
        return unavailable;
    }

    /** Closes the functions in the reverse of the order they were created. */
    @Override
    public void close() {
        for (LambdaFunction function : functions.sequencedValues().reversed()) {
            try {
                function.close();
            } catch (RuntimeException e) {
                LOG.debug("closing {} failed", function, e);
            }
        }
    }

    /**
     * Execution environments a function may have at once: enough for every poller of its SQS mappings (a poller
     * invokes one at a time) and at least {@link Stack#DEFAULT_CONCURRENCY} for HTTP and S3 invocations; the
     * function's ReservedConcurrentExecutions caps it, as on AWS, and so does {@code --concurrency} when given.
     */
    int concurrency(Template.Function f) {
        int pollers = f.sqsTriggers().stream().filter(Template.SqsTrigger::enabled).mapToInt(this::pollers).sum();
        int c = Math.max(Stack.DEFAULT_CONCURRENCY, pollers);
        if (f.reservedConcurrency() != null) {
            c = Math.min(c, f.reservedConcurrency());
        }
        return cap(c);
    }

    /**
     * Pollers of an SQS mapping, each invoking the function with one batch at a time: its ScalingConfig
     * MaximumConcurrency (AWS scales up to it while messages wait), else {@link Stack#DEFAULT_CONCURRENCY}.
     */
    int pollers(Template.SqsTrigger t) {
        return cap(t.maximumConcurrency() == null ? Stack.DEFAULT_CONCURRENCY : t.maximumConcurrency());
    }

    private int cap(int c) {
        return Math.max(1, options.concurrency() > 0 ? Math.min(c, options.concurrency()) : c);
    }

    /** The template's environment, evaluated locally, plus what points the function at this machine. */
    Map<String, String> environment(Template.Function f) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : f.environment().entrySet()) {
            String value = intrinsics.string(e.getValue(), f.logicalId() + ".Environment." + e.getKey());
            if (value != null) {
                env.put(e.getKey(), value);
            }
        }
        env.remove("JAVA_TOOL_OPTIONS"); // one shared JVM here
        env.put("AWS_REGION", Stack.REGION);
        env.put("AWS_DEFAULT_REGION", Stack.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
        env.put("DATABASE_URL", options.databaseUrl());
        // TLS when the server offers it, unverified: the local database has no RDS certificate (-e DATABASE_SSL_MODE=...
        // and DATABASE_SSL_ROOT_CERT=... to verify one)
        env.put("DATABASE_SSL_MODE", "prefer");
        env.remove("DATABASE_SSL_ROOT_CERT");
        if (env.remove("WEBHOOK_SECRET_ARN") != null) {
            env.put("WEBHOOK_SECRET", webhookSecret); // Secrets Manager's part, played by the runner
        }
        env.put("S3_FORCE_PATH_STYLE", "true");
        if (env.containsKey("SMTP_HOST")) {
            env.put("SMTP_HOST", smtp.host());
            env.put("SMTP_PORT", Integer.toString(smtp.port()));
            env.put("SMTP_STARTTLS", "false");
        }
        env.putAll(options.environment());
        return env;
    }
}
