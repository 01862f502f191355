package dev.cobranca.local;

import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.emulators.Database;
import dev.cobranca.emulators.Emulators;
import dev.cobranca.emulators.PortInUseException;
import dev.cobranca.emulators.PostgresUnavailableException;
import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SdkEndpoints;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.emulators.SqsEventSource;
import dev.cobranca.local.runtime.FunctionInitException;
import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.local.template.Intrinsics;
import dev.cobranca.local.template.Template;
import dev.cobranca.local.template.TemplateException;
import dev.cobranca.local.wiring.HttpApiServer;
import dev.cobranca.local.wiring.LocalBankWiring;
import dev.cobranca.local.wiring.LambdaInvokeServer;
import dev.cobranca.local.wiring.LocalAuthorizer;
import dev.cobranca.local.wiring.S3Notifications;
import dev.cobranca.local.wiring.ScheduleExpression;
import dev.cobranca.local.wiring.ScheduledEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole application on one machine: PostgreSQL (migrated), S3/SQS/SMTP emulators, the template's bucket and
 * queues, its functions, and (unless only invoking) what AWS would wire: S3 notifications, SQS event-source
 * mappings and the HTTP API.
 */
public final class Stack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

    public static final String STACK_NAME = "cobranca-local";
    public static final String REGION = S3Emulator.REGION;
    /** Environments per function, and pollers per SQS mapping, where the template sets no limit (AWS would scale further). */
    public static final int DEFAULT_CONCURRENCY = 5;

    /**
     * @param concurrency       at most this many environments per function and pollers per SQS mapping; 0 or less:
     *                          the template's limits (ScalingConfig MaximumConcurrency, ReservedConcurrentExecutions)
     * @param visibilityTimeout overrides the queues' VisibilityTimeout (seconds) when not null: retries come sooner
     * @param wire              false for {@code invoke}: no pollers, no notifications, no schedules, no HTTP server,
     *                          no local bank
     * @param schedulePeriods   per function logical id, a period replacing its schedules' expressions (tests and
     *                          demos need seconds; EventBridge's floor is a minute)
     * @param bankPayShare      share (0..1) of the confirmed titles the local bank settles
     * @param apiToken          the bearer token the HTTP API requires (as the JWT authorizer does on AWS); null: a new
     *                          random one
     * @param webhookSecret     the payment webhook's HMAC key (WEBHOOK_SECRET of the API); null: a new random one
     * @param bankPayDelay      how long after its entries retorno the local bank delivers a remessa's payments
     */
    public record Options(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                          int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire,
                          Map<String, java.time.Duration> schedulePeriods, double bankPayShare, String apiToken,
                          String webhookSecret, java.time.Duration bankPayDelay) {

        public Options {
            schedulePeriods = schedulePeriods == null ? Map.of() : Map.copyOf(schedulePeriods);
            if (!(bankPayShare >= 0 && bankPayShare <= 1)) {
                throw new IllegalArgumentException("the bank's pay share must be between 0 and 1, got " + bankPayShare);
            }
            if (bankPayDelay == null || bankPayDelay.isNegative()) {
                throw new IllegalArgumentException("the bank's pay delay must be zero or more, got " + bankPayDelay);
            }
        }

        /** The local bank's payments {@link #DEFAULT_BANK_PAY_DELAY} after its confirmations. */
        public Options(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                       int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire,
                       Map<String, java.time.Duration> schedulePeriods, double bankPayShare, String apiToken,
                       String webhookSecret) {
            this(dataDir, template, databaseUrl, httpPort, ports, concurrency, visibilityTimeout, environment, wire,
                    schedulePeriods, bankPayShare, apiToken, webhookSecret, DEFAULT_BANK_PAY_DELAY);
        }

        /** No schedule periods changed; a local bank that registers titles but settles none. */
        public Options(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                       int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire) {
            this(dataDir, template, databaseUrl, httpPort, ports, concurrency, visibilityTimeout, environment, wire, Map.of(), 0,
                    null, null);
        }

        public Options(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                       int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire,
                       Map<String, java.time.Duration> schedulePeriods) {
            this(dataDir, template, databaseUrl, httpPort, ports, concurrency, visibilityTimeout, environment, wire,
                    schedulePeriods, 0, null, null);
        }
    }

    /** Share of the confirmed titles the local bank pays, unless told otherwise ({@code --bank-pay-share}). */
    public static final double DEFAULT_BANK_PAY_SHARE = 0.3;
    /** How long after confirming titles the local bank pays them, unless told otherwise ({@code --bank-pay-delay}). */
    public static final java.time.Duration DEFAULT_BANK_PAY_DELAY = java.time.Duration.ofSeconds(2);

    private final Options options;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, String> bucketNames = new LinkedHashMap<>();
    private final Map<String, QueueInfo> queues = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private Template template;
    private Intrinsics intrinsics;
    private Database database;
    private Emulators emulators;
    private HttpApiServer http;
    private LocalBankWiring bank;
    private S3Notifications notifications;
    private LambdaInvokeServer lambdaApi;
    private long startMillis;
    private final String apiToken;
    private final String webhookSecret;

    /** A queue on the emulator. */
    public record QueueInfo(String logicalId, String name, String url, String arn) {
    }

    private Stack(Options options) {
        this.options = options;
        this.apiToken = options.apiToken() != null && !options.apiToken().isBlank() ? options.apiToken() : LocalAuthorizer.newToken();
        this.webhookSecret = options.webhookSecret() != null && !options.webhookSecret().isBlank() ? options.webhookSecret()
                : LocalAuthorizer.newToken().replace("cbl_", "whsec_");
    }

    /** Starts everything; on failure stops what already started and throws a {@link RunnerException}. */
    public static Stack start(Options options) {
        Stack stack = new Stack(options);
        boolean ok = false;
        try {
            stack.boot();
            ok = true;
            return stack;
        } catch (PostgresUnavailableException e) {
            throw new RunnerException(ExitCodes.POSTGRES_UNREACHABLE, e.getMessage(), e);
        } catch (PortInUseException e) {
            throw new RunnerException(ExitCodes.PORT_IN_USE, e.getMessage(), e);
        } catch (TemplateException e) {
            throw new RunnerException(ExitCodes.BAD_TEMPLATE, "template.yaml: " + e.getMessage(), e);
        } catch (FunctionInitException e) {
            throw new RunnerException(ExitCodes.FUNCTION_INIT_FAILED, e.getMessage(), e);
        } finally {
            if (!ok) {
                stack.close();
            }
        }
    }

    private void boot() {
        long t0 = System.nanoTime();
        startMillis = System.currentTimeMillis();
        template = Template.load(options.template());
        Path dataDir = options.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir.resolve("mail"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        database = Database.open(options.databaseUrl(), 2);
        resources.add(database);
        LOG.debug("database ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        long tEmulators = System.nanoTime();
        emulators = Emulators.start(dataDir.resolve("s3"), options.ports());
        resources.add(emulators);
        LOG.debug("emulators ready in {} ms", (System.nanoTime() - tEmulators) / 1_000_000);
        emulators.smtp().writeEml(dataDir.resolve("mail"));
        lambdaApi = new LambdaInvokeServer();
        resources.add(lambdaApi);
        pointSdkAtEmulators();

        intrinsics = new Intrinsics(template, Intrinsics.localPseudoParameters(STACK_NAME, REGION), Map.of(), new LocalResources());
        for (Template.Bucket b : template.buckets()) {
            String name = bucketName(b.logicalId());
            emulators.s3().createBucket(name);
        }
        for (Template.Queue q : template.queues()) {
            queue(q.logicalId());
        }
        long tFunctions = System.nanoTime();
        for (Template.Function f : template.functions()) {
            try {
                LambdaFunction function = new LambdaFunction(f.logicalId(), f.handlerClass(), environment(f), REGION,
                        f.memoryMb(), f.timeoutSeconds(), concurrency(f));
                functions.put(f.logicalId(), function);
                resources.add(function);
                lambdaApi.register(function);
            } catch (FunctionInitException e) {
                if (e.getCause() instanceof ClassNotFoundException) {
                    unavailable.put(f.logicalId(), e.getMessage());
                    LOG.warn(e.getMessage());
                } else {
                    throw e;
                }
            }
        }
        warmUp();
        LOG.debug("functions initialised in {} ms", (System.nanoTime() - tFunctions) / 1_000_000);
        if (options.wire()) {
            wire();
        }
        LOG.debug("stack ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** One environment per function, built in parallel (class loading dominates): init errors show now. */
    private void warmUp() {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, functions.size()))) {
            List<java.util.concurrent.Future<?>> inits = new ArrayList<>();
            for (LambdaFunction f : functions.values()) {
                inits.add(pool.submit(f::warmUp));
            }
            for (java.util.concurrent.Future<?> init : inits) {
                Futures.join(init, "initialising the functions");
            }
        }
    }

    /** Functions reach the emulators the standard way: the SDK's endpoint, region and credential settings. */
    private void pointSdkAtEmulators() {
        SdkEndpoints.systemProperties(emulators.s3(), emulators.sqs()).forEach(System::setProperty);
        // functions that invoke functions (the repair re-delivers imports) reach the runner's Lambda Invoke API
        System.setProperty("aws.endpointUrlLambda", lambdaApi.endpoint().toString());
    }

    private void wire() {
        notifications = new S3Notifications(emulators.s3(), REGION);
        resources.add(notifications);
        List<HttpApiServer.Route> routes = new ArrayList<>();
        for (Template.Function f : template.functions()) {
            LambdaFunction function = functions.get(f.logicalId());
            if (function == null) {
                continue;
            }
            for (Template.S3Trigger t : f.s3Triggers()) {
                notifications.subscribe(new S3Notifications.Subscription(bucketName(t.bucketLogicalId()), t, function));
            }
            for (Template.SqsTrigger t : f.sqsTriggers()) {
                if (!t.enabled()) {
                    continue;
                }
                QueueInfo q = queue(t.queueLogicalId());
                SqsEventSource source = new SqsEventSource(emulators.sqs().client(), q.url(), q.arn(), REGION,
                        function.name(), function::invoke, t.batchSize(), t.reportBatchItemFailures(), pollers(t));
                resources.add(source);
                source.start();
            }
            for (Template.HttpRoute r : f.httpRoutes()) {
                routes.add(new HttpApiServer.Route(r.method(), r.path(), function, r.scopes()));
            }
        }
        // the bank answers remessas with retornos through S3, so BankReturnFunction runs as its notification
        bank = new LocalBankWiring(emulators.s3(), emulators.s3().client(), mainBucket(), dataDir().resolve("bank"),
                options.bankPayShare(), options.bankPayDelay());
        resources.add(bank);
        // the local client's token holds every scope a route asks for
        java.util.TreeSet<String> scopes = new java.util.TreeSet<>();
        routes.stream().filter(r -> r.scopes() != null).forEach(r -> scopes.addAll(r.scopes()));
        http = new HttpApiServer(options.httpPort(), routes, new LocalAuthorizer(apiToken, List.copyOf(scopes)));
        resources.add(http);
        http.start();
        schedules();
    }

    /** EventBridge schedule rules, started last: what they invoke may call the API or read the queues. */
    private void schedules() {
        ScheduledEvents scheduled = new ScheduledEvents(REGION, "000000000000");
        resources.add(scheduled);
        for (String id : options.schedulePeriods().keySet()) {
            if (template.functions().stream().noneMatch(f -> f.logicalId().equals(id) && !f.schedules().isEmpty())) {
                throw new TemplateException(id + " has no Schedule event in the template: cannot change its period");
            }
        }
        for (Template.Function f : template.functions()) {
            LambdaFunction function = functions.get(f.logicalId());
            if (function == null) {
                continue;
            }
            for (Template.ScheduleTrigger t : f.schedules()) {
                if (!t.enabled()) {
                    continue;
                }
                String where = f.logicalId() + ".Events." + t.name();
                java.time.Duration period = options.schedulePeriods().get(f.logicalId());
                ScheduleExpression expression = period != null ? ScheduleExpression.every(period)
                        : ScheduleExpression.parse(intrinsics.string(t.expression(), where + ".Schedule"));
                Object input = t.input() == null ? null : intrinsics.resolve(t.input(), where + ".Input");
                // SAM names the rule <stack>-<function><event>-<suffix>
                String rule = STACK_NAME + "-" + f.logicalId() + t.name();
                scheduled.subscribe(new ScheduledEvents.Subscription(rule, expression,
                        input == null ? null : input instanceof String s ? s : json(input), function));
            }
        }
        scheduled.start();
        scheduledMessages();
    }

    /** Schedule rules whose target is a queue (the remessa runs): their Input sent to the queue at each firing. */
    @SuppressWarnings("unchecked")
    private void scheduledMessages() {
        dev.cobranca.local.wiring.ScheduledMessages messages = new dev.cobranca.local.wiring.ScheduledMessages(emulators.sqs().client());
        resources.add(messages);
        for (Map.Entry<String, Object> e : template.resources().entrySet()) {
            if (!"AWS::Events::Rule".equals(template.resourceType(e.getKey()))) {
                continue;
            }
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("Properties");
            if (props == null || props.get("ScheduleExpression") == null || !(props.get("Targets") instanceof List<?> targets)) {
                continue;
            }
            String where = e.getKey() + ".Properties";
            ScheduleExpression expression = ScheduleExpression.parse(intrinsics.string(props.get("ScheduleExpression"), where + ".ScheduleExpression"));
            for (Object t : targets) {
                Map<String, Object> target = (Map<String, Object>) t;
                if (target.get("Arn") instanceof Map<?, ?> arn && arn.get("Fn::GetAtt") instanceof List<?> att
                        && "AWS::SQS::Queue".equals(template.resourceType(String.valueOf(att.get(0)))) && target.get("Input") != null) {
                    messages.add(new dev.cobranca.local.wiring.ScheduledMessages.Rule(e.getKey(), expression,
                            queue(String.valueOf(att.get(0))).url(), intrinsics.string(target.get("Input"), where + ".Targets.Input")));
                }
            }
        }
        messages.start();
    }

    /**
     * Execution environments a function may have at once: enough for every poller of its SQS mappings (a poller
     * invokes one at a time) and at least {@link #DEFAULT_CONCURRENCY} for HTTP and S3 invocations; the function's
     * ReservedConcurrentExecutions caps it, as on AWS, and so does {@code --concurrency} when given.
     */
    int concurrency(Template.Function f) {
        int pollers = f.sqsTriggers().stream().filter(Template.SqsTrigger::enabled).mapToInt(this::pollers).sum();
        int c = Math.max(DEFAULT_CONCURRENCY, pollers);
        if (f.reservedConcurrency() != null) {
            c = Math.min(c, f.reservedConcurrency());
        }
        return cap(c);
    }

    /**
     * Pollers of an SQS mapping, each invoking the function with one batch at a time: its ScalingConfig
     * MaximumConcurrency (AWS scales up to it while messages wait), else {@link #DEFAULT_CONCURRENCY}.
     */
    int pollers(Template.SqsTrigger t) {
        return cap(t.maximumConcurrency() == null ? DEFAULT_CONCURRENCY : t.maximumConcurrency());
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
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
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
            env.put("SMTP_HOST", emulators.smtp().host());
            env.put("SMTP_PORT", Integer.toString(emulators.smtp().port()));
            env.put("SMTP_STARTTLS", "false");
        }
        env.putAll(options.environment());
        return env;
    }

    private String bucketName(String logicalId) {
        return bucketNames.computeIfAbsent(logicalId, id -> {
            Template.Bucket bucket = template.buckets().stream().filter(b -> b.logicalId().equals(id)).findFirst()
                    .orElseThrow(() -> new TemplateException(id + " is not an AWS::S3::Bucket of the template"));
            String name = bucket.bucketName() == null ? null : intrinsics.string(bucket.bucketName(), id + ".BucketName");
            return name == null ? (STACK_NAME + "-" + id).toLowerCase(java.util.Locale.ROOT) : name;
        });
    }

    private final Deque<String> creating = new ArrayDeque<>();

    /** Creates the queue (and first the dead-letter queue its redrive policy names). */
    private QueueInfo queue(String logicalId) {
        QueueInfo known = queues.get(logicalId);
        if (known != null) {
            return known;
        }
        if (creating.contains(logicalId)) {
            throw new TemplateException("queues refer to each other in a cycle: " + creating);
        }
        creating.push(logicalId);
        try {
            Template.Queue q = template.queues().stream().filter(x -> x.logicalId().equals(logicalId)).findFirst()
                    .orElseThrow(() -> new TemplateException(logicalId + " is not an AWS::SQS::Queue of the template"));
            Map<String, Object> props = q.properties();
            String where = logicalId + ".Properties";
            String name = props.get("QueueName") == null ? logicalId : intrinsics.string(props.get("QueueName"), where + ".QueueName");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String attribute : List.of("DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
                    "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue", "ContentBasedDeduplication")) {
                if (props.get(attribute) != null) {
                    String value = intrinsics.string(props.get(attribute), where + "." + attribute);
                    if (value != null) {
                        attributes.put(attribute, value);
                    }
                }
            }
            if (options.visibilityTimeout() != null) {
                attributes.put("VisibilityTimeout", Integer.toString(options.visibilityTimeout()));
            }
            if (props.get("RedrivePolicy") != null) {
                Object policy = intrinsics.resolve(props.get("RedrivePolicy"), where + ".RedrivePolicy");
                attributes.put("RedrivePolicy", policy instanceof String s ? s : json(policy));
            }
            SqsEmulator sqs = emulators.sqs();
            String url = sqs.createQueue(name, attributes);
            QueueInfo info = new QueueInfo(logicalId, name, url, sqs.queueArn(url));
            queues.put(logicalId, info);
            return info;
        } finally {
            creating.pop();
        }
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TemplateException("cannot write " + value + " as JSON");
        }
    }

    /** Ref / GetAtt of the template's resources, as they exist on the emulators. */
    private final class LocalResources implements Intrinsics.Resources {
        @Override
        public String ref(String logicalId) {
            String type = template.resourceType(logicalId);
            if (type == null) {
                return null;
            }
            return switch (type) {
                case "AWS::S3::Bucket" -> bucketName(logicalId);
                case "AWS::SQS::Queue" -> queue(logicalId).url();
                default -> logicalId;
            };
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            String type = template.resourceType(logicalId);
            if ("AWS::SQS::Queue".equals(type)) {
                QueueInfo q = queue(logicalId);
                return switch (attribute) {
                    case "Arn" -> q.arn();
                    case "QueueName" -> q.name();
                    case "QueueUrl" -> q.url();
                    default -> null;
                };
            }
            if ("AWS::S3::Bucket".equals(type)) {
                String name = bucketName(logicalId);
                return switch (attribute) {
                    case "Arn" -> "arn:aws:s3:::" + name;
                    case "DomainName", "RegionalDomainName" -> name + ".s3.amazonaws.com";
                    default -> null;
                };
            }
            if ("AWS::Serverless::Function".equals(type) && attribute.equals("Arn")) {
                return "arn:aws:lambda:" + REGION + ":000000000000:function:" + logicalId;
            }
            return null;
        }
    }

    public Template template() {
        return template;
    }

    public Emulators emulators() {
        return emulators;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public Map<String, LambdaFunction> functions() {
        return functions;
    }

    /** Functions of the template whose handler class is not on the classpath (their module is not built in). */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    public Map<String, QueueInfo> queues() {
        return queues;
    }

    public Set<String> bucketNames() {
        return new HashSet<>(bucketNames.values());
    }

    /** The bucket S3 notifications go to (the first of the template). */
    public String mainBucket() {
        return bucketNames.values().iterator().next();
    }

    public URI apiEndpoint() {
        return http == null ? null : http.endpoint();
    }

    /**
     * True when the local bank has delivered every retorno it owes (its payments come later than its confirmations)
     * and the functions those retornos invoked have ended: what the charges' bank statuses say then is final, until
     * the next remessa. Always true when the stack is not wired.
     */
    public boolean bankSettled() {
        // in this order: a retorno the bank delivered has its invocation counted before the bank counts itself done
        return bank == null || bank.idle() && notifications.idle();
    }

    /** The local bank, or null when the stack is not wired (invoke). */
    public LocalBankWiring bank() {
        return bank;
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath();
    }

    /** The bearer token every HTTP API route but the webhook requires. */
    public String apiToken() {
        return apiToken;
    }

    /** The HMAC key the payment webhook's Cobranca-Signature must be made with. */
    public String webhookSecret() {
        return webhookSecret;
    }

    public long startedAtMillis() {
        return startMillis;
    }

    /** Prints every URL and where the files go. */
    public void describe(PrintStream out) {
        out.println("Cobrança local stack");
        if (http != null) {
            out.println("  HTTP API     " + http.endpoint());
            out.println("  API token      " + apiToken);
            out.println("  webhook secret " + webhookSecret);
        }
        out.println("  S3           " + emulators.s3().endpoint() + "  (access key " + emulators.s3().accessKey()
                + ", secret " + emulators.s3().secretKey() + ", path-style)");
        out.println("  SQS          " + emulators.sqs().endpoint());
        out.println("  SMTP         " + emulators.smtp().host() + ":" + emulators.smtp().port());
        out.println("  Lambda API   " + lambdaApi.endpoint() + "  (Invoke, as AWS_ENDPOINT_URL_LAMBDA)");
        out.println("  PostgreSQL   " + options.databaseUrl().replaceAll("password=[^&]*", "password=***"));
        bucketNames.forEach((id, name) -> out.println("  bucket       " + name + " (" + id + ") -> " + dataDir().resolve("s3").resolve(name)));
        queues.values().forEach(q -> out.println("  queue        " + q.name() + "  " + q.url()));
        for (LambdaFunction f : functions.values()) {
            out.println("  function     " + f.name() + "  " + f.handlerClass());
        }
        unavailable.forEach((id, why) -> out.println("  function     " + id + "  NOT AVAILABLE: " + why));
        out.println("  e-mails      " + dataDir().resolve("mail") + " (.eml)");
        if (bank != null) {
            out.printf(java.util.Locale.ROOT, "  bank         local Banco do Brasil: answers remittances/*.rem with returns/*.ret, "
                    + "pays %.0f%% of confirmed titles %.1f s later%n", bank.payShare() * 100, bank.payDelay().toMillis() / 1000.0);
        }
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
