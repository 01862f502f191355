package dev.cobranca.local;

import dev.cobranca.emulators.Database;
import dev.cobranca.emulators.Emulators;
import dev.cobranca.emulators.PortInUseException;
import dev.cobranca.emulators.PostgresUnavailableException;
import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SdkEndpoints;
import dev.cobranca.emulators.SqsEventSource;
import dev.cobranca.local.runtime.FunctionInitException;
import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.local.template.Template;
import dev.cobranca.local.template.TemplateException;
import dev.cobranca.local.wiring.HttpApiServer;
import dev.cobranca.local.wiring.LocalBankWiring;
import dev.cobranca.local.wiring.LambdaInvokeServer;
import dev.cobranca.local.wiring.LocalAuthorizer;
import dev.cobranca.local.wiring.S3Notifications;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole application on one machine: PostgreSQL (migrated), S3/SQS/SMTP emulators, the template's bucket and
 * queues, its functions, and (unless only invoking) what AWS would wire: S3 notifications, SQS event-source
 * mappings, the schedules and the HTTP API. Starts them in that order and stops them in the reverse one.
 */
public final class Stack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

    public static final String STACK_NAME = "cobranca-local";
    public static final String REGION = S3Emulator.REGION;
    /** Environments per function, and pollers per SQS mapping, where the template sets no limit (AWS would scale further). */
    public static final int DEFAULT_CONCURRENCY = 5;

    private final StackOptions options;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Template template;
    private TemplateResources templateResources;
    private LocalFunctions localFunctions;
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

    private Stack(StackOptions options) {
        this.options = options;
        this.apiToken = options.apiToken() != null && !options.apiToken().isBlank() ? options.apiToken() : LocalAuthorizer.newToken();
        this.webhookSecret = options.webhookSecret() != null && !options.webhookSecret().isBlank() ? options.webhookSecret()
                : LocalAuthorizer.newToken().replace("cbl_", "whsec_");
    }

    /** Starts everything; on failure stops what already started and throws a {@link RunnerException}. */
    public static Stack start(StackOptions options) {
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

        templateResources = new TemplateResources(template, emulators.sqs(), options.visibilityTimeout());
        for (Template.Bucket b : template.buckets()) {
            String name = templateResources.bucketName(b.logicalId());
            emulators.s3().createBucket(name);
        }
        for (Template.Queue q : template.queues()) {
            templateResources.queue(q.logicalId());
        }
        long tFunctions = System.nanoTime();
        localFunctions = new LocalFunctions(options, templateResources.intrinsics(), emulators.smtp(), webhookSecret);
        resources.add(localFunctions);
        localFunctions.createAll(template, lambdaApi::register);
        localFunctions.warmUp();
        LOG.debug("functions initialised in {} ms", (System.nanoTime() - tFunctions) / 1_000_000);
        if (options.wire()) {
            wire();
        }
        LOG.debug("stack ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
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
            LambdaFunction function = localFunctions.functions().get(f.logicalId());
            if (function == null) {
                continue;
            }
            for (Template.S3Trigger t : f.s3Triggers()) {
                notifications.subscribe(new S3Notifications.Subscription(templateResources.bucketName(t.bucketLogicalId()), t, function));
            }
            for (Template.SqsTrigger t : f.sqsTriggers()) {
                if (!t.enabled()) {
                    continue;
                }
                QueueInfo q = templateResources.queue(t.queueLogicalId());
                SqsEventSource source = new SqsEventSource(emulators.sqs().client(), q.url(), q.arn(), REGION,
                        function.name(), function::invoke, t.batchSize(), t.reportBatchItemFailures(), localFunctions.pollers(t));
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
        TreeSet<String> scopes = new TreeSet<>();
        routes.stream().filter(r -> r.scopes() != null).forEach(r -> scopes.addAll(r.scopes()));
        http = new HttpApiServer(options.httpPort(), routes, new LocalAuthorizer(apiToken, List.copyOf(scopes)));
        resources.add(http);
        http.start();
        // started last: what they invoke may call the API or read the queues
        new TemplateSchedules(template, templateResources, localFunctions.functions(), options.schedulePeriods())
                .start(emulators.sqs().client(), resources::add);
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
        return localFunctions.functions();
    }

    /** Functions of the template whose handler class is not on the classpath (their module is not built in). */
    public Map<String, String> unavailable() {
        return localFunctions.unavailable();
    }

    public Map<String, QueueInfo> queues() {
        return templateResources.queues();
    }

    public Set<String> bucketNames() {
        return new HashSet<>(templateResources.bucketNames().values());
    }

    /** The bucket S3 notifications go to (the first of the template). */
    public String mainBucket() {
        return templateResources.bucketNames().values().iterator().next();
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
        templateResources.bucketNames().forEach((id, name) -> out.println("  bucket       " + name + " (" + id + ") -> " + dataDir().resolve("s3").resolve(name)));
        templateResources.queues().values().forEach(q -> out.println("  queue        " + q.name() + "  " + q.url()));
        for (LambdaFunction f : localFunctions.functions().values()) {
            out.println("  function     " + f.name() + "  " + f.handlerClass());
        }
        localFunctions.unavailable().forEach((id, why) -> out.println("  function     " + id + "  NOT AVAILABLE: " + why));
        out.println("  e-mails      " + dataDir().resolve("mail") + " (.eml)");
        if (bank != null) {
            out.printf(Locale.ROOT, "  bank         local Banco do Brasil: answers remittances/*.rem with returns/*.ret, "
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