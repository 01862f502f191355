package dev.cobranca.local;

import dev.cobranca.emulators.Emulators;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@link Stack} is started with.
 *
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
public record StackOptions(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                           int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire,
                           Map<String, Duration> schedulePeriods, double bankPayShare, String apiToken,
                           String webhookSecret, Duration bankPayDelay) {

    /** Share of the confirmed titles the local bank pays, unless told otherwise ({@code --bank-pay-share}). */
    public static final double DEFAULT_BANK_PAY_SHARE = 0.3;
    /** How long after confirming titles the local bank pays them, unless told otherwise ({@code --bank-pay-delay}). */
    public static final Duration DEFAULT_BANK_PAY_DELAY = Duration.ofSeconds(2);

    public StackOptions {
        schedulePeriods = schedulePeriods == null ? Map.of() : Map.copyOf(schedulePeriods);
        if (!(bankPayShare >= 0 && bankPayShare <= 1)) {
            throw new IllegalArgumentException("the bank's pay share must be between 0 and 1, got " + bankPayShare);
        }
        if (bankPayDelay == null || bankPayDelay.isNegative()) {
            throw new IllegalArgumentException("the bank's pay delay must be zero or more, got " + bankPayDelay);
        }
    }

    /** The local bank's payments {@link #DEFAULT_BANK_PAY_DELAY} after its confirmations. */
    public StackOptions(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                        int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire,
                        Map<String, Duration> schedulePeriods, double bankPayShare, String apiToken,
                        String webhookSecret) {
        this(dataDir, template, databaseUrl, httpPort, ports, concurrency, visibilityTimeout, environment, wire,
                schedulePeriods, bankPayShare, apiToken, webhookSecret, DEFAULT_BANK_PAY_DELAY);
    }

    /** No schedule periods changed; a local bank that registers titles but settles none. */
    public StackOptions(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                        int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire) {
        this(dataDir, template, databaseUrl, httpPort, ports, concurrency, visibilityTimeout, environment, wire, Map.of(), 0,
                null, null);
    }

    public StackOptions(Path dataDir, Path template, String databaseUrl, int httpPort, Emulators.Ports ports,
                        int concurrency, Integer visibilityTimeout, Map<String, String> environment, boolean wire,
                        Map<String, Duration> schedulePeriods) {
        this(dataDir, template, databaseUrl, httpPort, ports, concurrency, visibilityTimeout, environment, wire,
                schedulePeriods, 0, null, null);
    }
}
