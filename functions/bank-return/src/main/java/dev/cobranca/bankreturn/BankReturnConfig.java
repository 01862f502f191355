package dev.cobranca.bankreturn;

import dev.cobranca.aws.Secrets;
import dev.cobranca.core.charge.EmailAfter;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import java.util.List;
import java.util.Map;

/**
 * The bank-return function's configuration, read once at init.
 *
 * @param database       {@code DATABASE_*}
 * @param bucket         {@code BUCKET_NAME}: holds {@code returns/} and {@code reports/returns/}
 * @param forcePathStyle {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param emailAfter     {@code EMAIL_AFTER}, default INVOICED; BANK_CONFIRMED: this function enqueues the e-mails of
 *                       the titles the bank confirmed, and fails the ones it rejected
 * @param emailQueueUrl  {@code EMAIL_QUEUE_URL}: required with {@code EMAIL_AFTER=BANK_CONFIRMED}
 */
public record BankReturnConfig(DatabaseConfig database, String bucket, boolean forcePathStyle, EmailAfter emailAfter,
                               String emailQueueUrl) {

    /** Variables without which {@link #fromEnv} fails; the template test holds template.yaml to them. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "BUCKET_NAME");

    public static BankReturnConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        EmailAfter emailAfter = EmailAfter.parse("EMAIL_AFTER", vars.optional("EMAIL_AFTER", "INVOICED"));
        String emailQueueUrl = vars.optional("EMAIL_QUEUE_URL");
        if (emailAfter == EmailAfter.BANK_CONFIRMED && emailQueueUrl == null) {
            throw new IllegalArgumentException("EMAIL_QUEUE_URL is required with EMAIL_AFTER=BANK_CONFIRMED: the e-mails of "
                    + "confirmed titles are enqueued by this function.");
        }
        return new BankReturnConfig(
                DatabaseConfig.fromEnv(env, Secrets::string),
                vars.required("BUCKET_NAME", "the bucket that holds returns/"),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                emailAfter,
                emailQueueUrl);
    }
}
