package dev.cobranca.api;

import dev.cobranca.api.webhook.WebhookSettings;
import dev.cobranca.aws.Secrets;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The API function's settings, read once at init.
 *
 * @param bucket         {@code BUCKET_NAME}, required: where uploads, reports and invoices live
 * @param forcePathStyle {@code S3_FORCE_PATH_STYLE}, default false (true for emulators on localhost)
 * @param uploadUrlTtl   {@code UPLOAD_URL_TTL_SECONDS}, default 900: lifetime of a presigned upload PUT
 * @param uploadMaxBytes {@code UPLOAD_MAX_BYTES}, default 1 GiB: the largest CSV a client may declare
 * @param invoiceUrlTtl  {@code INVOICE_URL_TTL_SECONDS}, default 300: lifetime of a boleto download URL
 * @param reportUrlTtl   {@code REPORT_URL_TTL_SECONDS}, default 300: lifetime of a rejected-rows report URL
 * @param database       {@code DATABASE_*}
 * @param webhook        {@code WEBHOOK_SECRET_ARN} (Secrets Manager, read at init) or {@code WEBHOOK_SECRET}: the
 *                       payment webhook's HMAC key(s), comma-separated during a rotation; {@code WEBHOOK_TOLERANCE_SECONDS},
 *                       default 300: how old a signature may be
 */
public record ApiConfig(
        String bucket,
        boolean forcePathStyle,
        Duration uploadUrlTtl,
        long uploadMaxBytes,
        Duration invoiceUrlTtl,
        Duration reportUrlTtl,
        DatabaseConfig database,
        WebhookSettings webhook) {

    /** Variables without which {@link #fromEnv} fails; the template test holds template.yaml to them. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "BUCKET_NAME");

    /** A SigV4 presigned URL lives at most seven days. */
    static final long MAX_URL_TTL_SECONDS = 7 * 24 * 3600;
    /** A single S3 PUT carries at most 5 GiB. */
    static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    public ApiConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("BUCKET_NAME is required: the uploads bucket.");
        }
        webhook = webhook == null ? WebhookSettings.none() : webhook;
    }

    /** Without webhook keys: every webhook call is refused (tests of the other routes). */
    public ApiConfig(String bucket, boolean forcePathStyle, Duration uploadUrlTtl, long uploadMaxBytes, Duration invoiceUrlTtl,
                     Duration reportUrlTtl, DatabaseConfig database) {
        this(bucket, forcePathStyle, uploadUrlTtl, uploadMaxBytes, invoiceUrlTtl, reportUrlTtl, database, WebhookSettings.none());
    }

    public static ApiConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        return new ApiConfig(
                vars.required("BUCKET_NAME", "the uploads bucket"),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                Duration.ofSeconds(vars.range("UPLOAD_URL_TTL_SECONDS", 900, 1, MAX_URL_TTL_SECONDS)),
                vars.range("UPLOAD_MAX_BYTES", 1024L * 1024 * 1024, 1, MAX_SINGLE_PUT_BYTES),
                Duration.ofSeconds(vars.range("INVOICE_URL_TTL_SECONDS", 300, 1, MAX_URL_TTL_SECONDS)),
                Duration.ofSeconds(vars.range("REPORT_URL_TTL_SECONDS", 300, 1, MAX_URL_TTL_SECONDS)),
                DatabaseConfig.fromEnv(env, Secrets::string),
                webhook(vars, env));
    }

    /** The webhook's keys are required: without them nobody could call it, and an unsigned webhook is not an option. */
    static WebhookSettings webhook(Env vars, Map<String, String> env) {
        Duration tolerance = Duration.ofSeconds(vars.range("WEBHOOK_TOLERANCE_SECONDS", 300, 1, 3600));
        String arn = vars.optional("WEBHOOK_SECRET_ARN");
        String value = arn != null ? Secrets.string(arn) : vars.optional("WEBHOOK_SECRET");
        if (value == null || WebhookSettings.parseSecrets(value).isEmpty()) {
            throw new IllegalArgumentException("WEBHOOK_SECRET_ARN (a Secrets Manager secret) or WEBHOOK_SECRET is required:"
                    + " the key the payment provider signs webhook calls with.");
        }
        try {
            return new WebhookSettings(WebhookSettings.parseSecrets(value), tolerance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((arn != null ? "WEBHOOK_SECRET_ARN: " : "WEBHOOK_SECRET: ") + e.getMessage());
        }
    }

}
