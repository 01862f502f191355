package dev.cobranca.local.command;

import dev.cobranca.emulators.Emulators;
import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.RunnerException;
import dev.cobranca.local.Stack;
import dev.cobranca.local.StackOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the commands that start the whole stack. */
final class StackCommandOptions {
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

    StackOptions toOptions(CommonOptions common, boolean wire) {
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
