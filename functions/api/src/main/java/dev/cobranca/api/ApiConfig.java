package dev.cobranca.api;

import dev.cobranca.aws.DatabaseConfigs;
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
 */
public record ApiConfig(
        String bucket,
        boolean forcePathStyle,
        Duration uploadUrlTtl,
        long uploadMaxBytes,
        Duration invoiceUrlTtl,
        Duration reportUrlTtl,
        DatabaseConfig database) {

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
                DatabaseConfigs.fromEnv(env));
    }

}
