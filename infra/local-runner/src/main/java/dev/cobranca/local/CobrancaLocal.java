package dev.cobranca.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.emulators.Emulators;
import dev.cobranca.local.client.Summary;
import dev.cobranca.local.client.UploadRun;
import dev.cobranca.local.runtime.FunctionErrorException;
import dev.cobranca.local.runtime.LambdaFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar cobranca-local.jar <command>}: the whole application on one machine, no Docker, no AWS. */
@Command(name = "cobranca-local", mixinStandardHelpOptions = true, version = "cobranca-local 0.1.0",
        description = "Runs Cobrança's functions in one JVM against S3 (S3Proxy), SQS (ElasticMQ), SMTP (GreenMail) "
                + "and a real PostgreSQL, wired as template.yaml wires them on AWS.",
        subcommands = {CobrancaLocal.Serve.class, CobrancaLocal.Run.class, CobrancaLocal.Demo.class,
            CobrancaLocal.Invoke.class, CobrancaLocal.Generate.class, Migrate.class, CnabCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (run/demo: the upload COMPLETED)",
            "1:the upload FAILED, stalled or timed out; or the invoked function failed",
            "2:bad command line",
            "3:PostgreSQL unreachable",
            "4:a port is already in use",
            "5:file not found",
            "6:unknown function id",
            "7:malformed event file (cnab inspect: malformed CNAB file)",
            "8:template.yaml missing or not understood",
            "9:a function failed to initialise",
            "10:a migration failed (migrate)"})
public final class CobrancaLocal {

    private CobrancaLocal() {
    }

    public static void main(String[] args) {
        tuneSharedJvm();
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Settings for what is one JVM here and many on AWS, made before anything reads them. The JDK keeps at most 5 idle
     * HTTP connections per host: with every function's environments talking to one S3 emulator that would open (and
     * leave in TIME_WAIT) a connection for most requests. Jakarta Mail looks its StreamProvider up through ServiceLoader
     * for every MIME part unless it is named, which GreenMail also pays for every e-mail it receives.
     */
    static void tuneSharedJvm() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** Runs a command line; returns the exit code (for tests). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        configureLogging(args);
        CommandLine cli = new CommandLine(CobrancaLocal.class);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof RunnerException r) {
                commandLine.getErr().println("cobranca-local: " + r.getMessage());
                return r.exitCode();
            }
            commandLine.getErr().println("cobranca-local: unexpected failure: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }

    /** slf4j-simple reads its settings once, at the first logger: set them before anything logs. */
    private static void configureLogging(String[] args) {
        boolean verbose = java.util.Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
        if (verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.dev.cobranca", "info");
        }
    }

    /** Options every command takes. */
    static final class Common {
        @Option(names = "--data-dir", defaultValue = ".cobranca", paramLabel = "DIR",
                description = "Where everything the stack writes goes: s3/ (objects as files), mail/ (.eml). Default: ${DEFAULT-VALUE}")
        Path dataDir;

        @Option(names = "--template", paramLabel = "FILE", description = "The SAM template. Default: template.yaml here or in a parent directory.")
        Path template;

        @Option(names = "--database-url", paramLabel = "JDBC_URL",
                description = "PostgreSQL to use (migrations are applied). Default: $DATABASE_URL or jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
        String databaseUrl;

        @Option(names = {"-v", "--verbose"}, description = "Log what the functions and emulators do.")
        boolean verbose;

        Path template() {
            if (template != null) {
                return template;
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                    return dir.resolve("template.yaml");
                }
            }
            return Path.of("template.yaml");
        }

        String databaseUrl() {
            if (databaseUrl != null) {
                return databaseUrl;
            }
            String env = System.getenv("DATABASE_URL");
            return env == null || env.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres" : env;
        }
    }

    /** Options of the commands that start the whole stack. */
    static final class StackCommandOptions {
        @Option(names = "--port", defaultValue = "8080", description = "HTTP API port. Default: ${DEFAULT-VALUE}")
        int port;

        @Option(names = "--s3-port", defaultValue = "0", description = "S3 port (0: a free one). Default: ${DEFAULT-VALUE}")
        int s3Port;

        @Option(names = "--sqs-port", defaultValue = "0", description = "SQS port (0: a free one). Default: ${DEFAULT-VALUE}")
        int sqsPort;

        @Option(names = "--smtp-port", defaultValue = "0", description = "SMTP port (0: a free one). Default: ${DEFAULT-VALUE}")
        int smtpPort;

        @Option(names = "--concurrency", defaultValue = "0", paramLabel = "N",
                description = "At most N execution environments per function and N pollers per SQS mapping. "
                        + "Default: the template's limits, as on AWS (ScalingConfig MaximumConcurrency, "
                        + "ReservedConcurrentExecutions; " + Stack.DEFAULT_CONCURRENCY + " where it sets none).")
        int concurrency;

        @Option(names = "--visibility-timeout", paramLabel = "SECONDS",
                description = "Override the queues' VisibilityTimeout, so failed messages come back sooner. Default: the template's.")
        Integer visibilityTimeout;

        @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
                description = "Set an environment variable of every function (after the template's).")
        Map<String, String> environment = new LinkedHashMap<>();

        @Option(names = "--bank-pay-share", defaultValue = "0.3", paramLabel = "S",
                description = "Share (0..1) of the confirmed titles the local bank settles (occurrence 06). Default: ${DEFAULT-VALUE}")
        double bankPayShare = StackOptions.DEFAULT_BANK_PAY_SHARE;

        @Option(names = "--bank-pay-delay", defaultValue = "2s", paramLabel = "PERIOD",
                description = "How long after confirming a remessa's titles the local bank sends their payments, in a "
                        + "retorno of their own (0s, 2s, 1m, PT0.5S). Default: ${DEFAULT-VALUE}")
        String bankPayDelay = "2s"; // as the option's default (StackOptions.DEFAULT_BANK_PAY_DELAY), for commands built in code

        @Option(names = "--schedule-every", paramLabel = "FUNCTION=PERIOD",
                description = "Fire FUNCTION's Schedule events every PERIOD (5s, 2m, PT30S) instead of their expression; "
                        + "every schedule also fires once at start. Default: the template's expressions.")
        Map<String, String> schedulePeriods = new LinkedHashMap<>();

        @Option(names = "--api-token", paramLabel = "TOKEN",
                description = "The bearer token the HTTP API requires (Authorization: Bearer TOKEN; at least 16 characters). "
                        + "Default: $COBRANCA_API_TOKEN, else a new random one, printed by serve.")
        String apiToken;

        @Option(names = "--webhook-secret", paramLabel = "SECRET",
                description = "The payment webhook's HMAC-SHA256 key (at least 16 characters). "
                        + "Default: $COBRANCA_WEBHOOK_SECRET, else a new random one, printed by serve.")
        String webhookSecret;

        StackOptions toOptions(Common common, boolean wire) {
            if (!(bankPayShare >= 0 && bankPayShare <= 1)) {
                throw new RunnerException(ExitCodes.USAGE, "--bank-pay-share must be between 0 and 1, got " + bankPayShare);
            }
            Map<String, Duration> periods = new LinkedHashMap<>();
            schedulePeriods.forEach((id, period) -> periods.put(id, period("--schedule-every", period)));
            return new StackOptions(common.dataDir, common.template(), common.databaseUrl(), port,
                    new Emulators.Ports(s3Port, sqsPort, smtpPort), concurrency, visibilityTimeout, environment, wire,
                    periods, bankPayShare, secret("--api-token", apiToken, "COBRANCA_API_TOKEN"),
                    secret("--webhook-secret", webhookSecret, "COBRANCA_WEBHOOK_SECRET"), period("--bank-pay-delay", bankPayDelay));
        }

        /** {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
        static Duration period(String option, String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
                }
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException(t);
                };
            } catch (RuntimeException e) {
                throw new RunnerException(ExitCodes.USAGE, option + ": " + text + " is not a period (5s, 2m, 1h or PT30S)");
            }
        }

        /** The option, else the variable, else null (the stack makes a random one). */
        static String secret(String option, String value, String variable) {
            String v = value != null ? value : System.getenv(variable);
            if (v == null || v.isEmpty()) {
                return null;
            }
            if (v.length() < 16 || v.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new RunnerException(ExitCodes.USAGE, option + " (or $" + variable + ") must be at least 16 printable"
                        + " characters without spaces.");
            }
            return v;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the stack and stay up (Ctrl-C stops it); prints every URL.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        StackCommandOptions stackOptions;

        @Override
        public Integer call() throws InterruptedException {
            long t0 = System.nanoTime();
            Stack stack = Stack.start(stackOptions.toOptions(common, true));
            stack.emulators().smtp().keepInMemory(false); // the .eml files under the data dir are the record
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                stopped.countDown();
            }));
            stack.describe(System.out);
            System.out.printf(Locale.ROOT, "Ready in %.1f s. Ctrl-C to stop.%n", (System.nanoTime() - t0) / 1e9);
            stopped.await();
            return ExitCodes.OK;
        }
    }

    /** Options of the commands that upload a file and follow it. */
    static final class FollowOptions {
        @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}")
        Duration timeout;

        @Option(names = "--stall-timeout", defaultValue = "PT2M",
                description = "Give up when nothing moved for this long (ISO-8601). Default: ${DEFAULT-VALUE}")
        Duration stall;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start the stack, upload a CSV through the API and the presigned URL, follow it to the end and "
                    + "print a summary. Exits 0 when the upload COMPLETED.")
    static final class Run implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        StackCommandOptions stackOptions;

        @Mixin
        FollowOptions follow;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "CSV", description = "The CSV file to upload.")
        Path file;

        @Override
        public Integer call() {
            return uploadAndFollow(file, common, stackOptions, follow);
        }
    }

    static int uploadAndFollow(Path file, Common common, StackCommandOptions stackOptions, FollowOptions follow) {
        if (!Files.isRegularFile(file)) {
            throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "No such file: " + file.toAbsolutePath());
        }
        long t0 = System.nanoTime();
        try (Stack stack = Stack.start(stackOptions.toOptions(common, true))) {
            stack.emulators().smtp().keepInMemory(false); // the .eml files under the data dir are the record
            if (!stack.unavailable().isEmpty()) {
                throw new RunnerException(ExitCodes.FUNCTION_INIT_FAILED, "Cannot run an upload without every function: "
                        + stack.unavailable());
            }
            System.out.printf(Locale.ROOT, "Stack ready in %.1f s (API %s, data in %s)%n", (System.nanoTime() - t0) / 1e9,
                    stack.apiEndpoint(), stack.dataDir());
            UploadRun run = new UploadRun(stack.apiEndpoint(), stack.apiToken(), System.out);
            UploadRun.Outcome outcome = run.run(file, follow.timeout, follow.stall);
            // the loop closes at the bank: wait until it answered every title it was sent
            boolean answered = outcome.completed() && run.followBank(outcome.uploadId(), follow.stall, stack::bankSettled);
            Summary.print(System.out, stack.dataSource(), outcome.uploadId(), stack.dataDir(), stack.mainBucket());
            return outcome.completed() && answered ? ExitCodes.OK : ExitCodes.UPLOAD_FAILED;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Generate a sample CSV of N rows (some of them dirty), then `run` it.")
    static final class Demo implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        StackCommandOptions stackOptions;

        @Mixin
        FollowOptions follow;

        @Option(names = "--rows", defaultValue = "1000", description = "Rows to generate. Default: ${DEFAULT-VALUE}")
        long rows;

        @Option(names = "--dirty", defaultValue = "2", description = "Percentage of rows that break a rule. Default: ${DEFAULT-VALUE}")
        double dirty;

        @Option(names = "--seed", description = "Random seed (default: a new one each run, so debtIds are new).")
        Long seed;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(common.dataDir);
            long s = seed != null ? seed : System.nanoTime();
            Path file = common.dataDir.resolve("demo-" + rows + "-" + Long.toHexString(s) + ".csv");
            SampleDebtGenerator.write(file, rows, s, dirty, true); // with the payer's address, for the remessa
            System.out.println("Generated " + rows + " rows (" + dirty + "% dirty, seed " + s + ") in " + file);
            return uploadAndFollow(file, common, stackOptions, follow);
        }
    }

    @Command(name = "invoke", mixinStandardHelpOptions = true,
            description = "Invoke one function once with an event file, like `sam local invoke`; prints its response JSON.")
    static final class Invoke implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "LogicalId", description = "The function's logical id in template.yaml, e.g. ApiFunction.")
        String logicalId;

        @Option(names = "--event", required = true, paramLabel = "FILE", description = "The event JSON, as Lambda delivers it.")
        Path event;

        @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Set an environment variable of the function.")
        Map<String, String> environment = new LinkedHashMap<>();

        @Option(names = "--webhook-secret", paramLabel = "SECRET",
                description = "The key a webhook event's Cobranca-Signature was made with. Default: $COBRANCA_WEBHOOK_SECRET, else a random one.")
        String webhookSecret;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(event)) {
                throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "No such event file: " + event.toAbsolutePath());
            }
            String json;
            try {
                json = Files.readString(event, StandardCharsets.UTF_8);
                new ObjectMapper().readTree(json);
            } catch (IOException e) {
                throw new RunnerException(ExitCodes.MALFORMED_EVENT, "The event file " + event + " is not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            var functions = dev.cobranca.local.template.Template.load(common.template()).functions();
            if (functions.stream().noneMatch(f -> f.logicalId().equals(logicalId))) {
                throw new RunnerException(ExitCodes.UNKNOWN_FUNCTION, "No function " + logicalId + " in " + common.template()
                        + "; functions: " + functions.stream().map(f -> f.logicalId()).toList());
            }
            StackCommandOptions quiet = new StackCommandOptions();
            quiet.environment = environment;
            quiet.concurrency = 1;
            quiet.webhookSecret = webhookSecret;
            try (Stack stack = Stack.start(quiet.toOptions(common, false))) {
                LambdaFunction function = stack.functions().get(logicalId);
                if (function == null) {
                    throw new RunnerException(ExitCodes.FUNCTION_INIT_FAILED, stack.unavailable().get(logicalId));
                }
                try {
                    System.out.println(function.invoke(json));
                    return ExitCodes.OK;
                } catch (FunctionErrorException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    boolean badEvent = e.getMessage().contains("does not deserialize");
                    System.out.println(errorJson(cause));
                    if (badEvent) {
                        throw new RunnerException(ExitCodes.MALFORMED_EVENT, e.getMessage(), e);
                    }
                    return ExitCodes.UPLOAD_FAILED;
                }
            }
        }

        /** Lambda's error response shape. */
        private static String errorJson(Throwable e) {
            var node = new ObjectMapper().createObjectNode();
            node.put("errorMessage", String.valueOf(e.getMessage()));
            node.put("errorType", e.getClass().getName());
            var trace = node.putArray("stackTrace");
            for (StackTraceElement el : e.getStackTrace()) {
                trace.add(el.toString());
            }
            return node.toString();
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a sample CSV.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--rows", required = true, description = "Data rows to write.")
        long rows;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CSV.")
        Path out;

        @Option(names = "--dirty", defaultValue = "0", description = "Percentage of rows that break a rule. Default: ${DEFAULT-VALUE}")
        double dirty;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same file. Default: ${DEFAULT-VALUE}")
        long seed;

        @Option(names = "--data-dir", hidden = true, description = "Accepted for symmetry; generate writes only --out.")
        Path dataDir;

        @Override
        public Integer call() throws IOException {
            if (rows < 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--rows must be 0 or more");
            }
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            long t0 = System.nanoTime();
            try {
                SampleDebtGenerator.write(out, rows, seed, dirty);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
            System.out.printf(Locale.ROOT, "Wrote %d rows (%s) to %s in %.1f s%n", rows,
                    UploadRunBytes.of(Files.size(out)), out, (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        }
    }

    /** Size formatting shared with the client. */
    static final class UploadRunBytes {
        static String of(long n) {
            return n < 1024 * 1024 ? n / 1024 + " KiB" : String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
    }
}
