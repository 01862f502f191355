package dev.cobranca.repair;

import dev.cobranca.aws.Secrets;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import dev.cobranca.core.charge.EmailAfter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repair function's settings, read once from the environment (template.yaml, RepairFunction).
 *
 * @param importFunctionName {@code IMPORT_FUNCTION_NAME}, required: the CSV import function an import is
 *                           delivered to again (its name or ARN)
 * @param invoiceQueueUrl    {@code INVOICE_QUEUE_URL}, required: where charges waiting for a boleto are enqueued again
 * @param emailQueueUrl      {@code EMAIL_QUEUE_URL}, required: where charges waiting for an e-mail are enqueued again
 * @param deadLetterQueues   {@code IMPORT_DLQ_URL}, {@code INVOICE_DLQ_URL}, {@code EMAIL_DLQ_URL}, {@code REMITTANCE_DLQ_URL},
 *                          {@code BANK_RETURN_DLQ_URL}, each optional: the
 *                           dead-letter queues counted (name -> URL)
 * @param stale              {@code REPAIR_STALE_SECONDS}, default 900: how long a charge may wait in one state before
 *                           it is taken for lost and enqueued again (and how long before that is done once more)
 * @param maxCharges         {@code REPAIR_MAX_CHARGES}, default 100000: charges enqueued again per stage and run (the
 *                           rest wait for the next run)
 * @param forcePathStyle     {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param metricsLog         whether to print the EMF metrics line: where Lambda's log stream is, which sets
 *                           {@code AWS_LAMBDA_LOG_STREAM_NAME} (CloudWatch reads it there; elsewhere it is noise)
 * @param database           {@code DATABASE_*}
 */
public record RepairConfig(
        String importFunctionName,
        String invoiceQueueUrl,
        String emailQueueUrl,
        Map<String, String> deadLetterQueues,
        Duration stale,
        int maxCharges,
        boolean forcePathStyle,
        boolean metricsLog,
        DatabaseConfig database,
        EmailAfter emailAfter) {

    /** The variables {@link #fromEnv} cannot do without. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "IMPORT_FUNCTION_NAME", "INVOICE_QUEUE_URL",
            "EMAIL_QUEUE_URL");

    public RepairConfig {
        deadLetterQueues = Map.copyOf(deadLetterQueues);
    }

    public static RepairConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        Map<String, String> dlqs = new LinkedHashMap<>();
        for (String name : List.of("import", "invoice", "email", "remittance", "bank_return")) {
            String url = vars.optional(name.toUpperCase(java.util.Locale.ROOT) + "_DLQ_URL");
            if (url != null && !url.isBlank()) {
                dlqs.put(name, url);
            }
        }
        return new RepairConfig(
                vars.required("IMPORT_FUNCTION_NAME", "the CSV import function (name or ARN) that imports are delivered to again"),
                vars.required("INVOICE_QUEUE_URL", "the queue InvoiceRequested messages go to"),
                vars.required("EMAIL_QUEUE_URL", "the queue EmailRequested messages go to"),
                dlqs,
                Duration.ofSeconds(vars.range("REPAIR_STALE_SECONDS", 900, 1, 7 * 24 * 3600)),
                vars.range("REPAIR_MAX_CHARGES", 100_000, 1, 10_000_000),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                vars.optional("AWS_LAMBDA_LOG_STREAM_NAME") != null,
                DatabaseConfig.fromEnv(env, Secrets::string),
                EmailAfter.parse("EMAIL_AFTER", vars.optional("EMAIL_AFTER", "INVOICED")));
    }
}
