package dev.cobranca.invoice;

import dev.cobranca.aws.Secrets;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.core.charge.EmailAfter;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import java.util.List;
import java.util.Map;

/**
 * The invoice function's configuration, read once at init.
 *
 * @param database       {@code DATABASE_*}
 * @param bucket         {@code BUCKET_NAME}: where {@code invoices/{debtId}.pdf} are written
 * @param forcePathStyle {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param emailQueueUrl  {@code EMAIL_QUEUE_URL}: where {@code EmailRequested} messages go
 * @param beneficiary    {@code BOLETO_*} and {@code BENEFICIARY_*}: the company printed on every boleto
 * @param overdueGraceDays   {@code BOLETO_OVERDUE_GRACE_DAYS}, default 5: an overdue debt's boleto is due today + this
 * @param emailAfter         {@code EMAIL_AFTER}, default INVOICED: e-mail at once, or after the bank confirmed the title
 * @param remittanceQueueUrl {@code REMITTANCE_QUEUE_URL}, optional: told when an upload is done invoicing
 */
public record InvoiceConfig(
        DatabaseConfig database,
        String bucket,
        boolean forcePathStyle,
        String emailQueueUrl,
        Beneficiary beneficiary,
        int overdueGraceDays,
        EmailAfter emailAfter,
        String remittanceQueueUrl) {

    /** Variables without which {@link #fromEnv} fails; the template test holds template.yaml to them. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "BUCKET_NAME", "EMAIL_QUEUE_URL",
            "BOLETO_AGENCY", "BOLETO_ACCOUNT", "BOLETO_CONVENIO", "BOLETO_WALLET", "BENEFICIARY_NAME", "BENEFICIARY_CNPJ");

    public static InvoiceConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        Beneficiary beneficiary = Beneficiary.fromEnv(vars);
        return new InvoiceConfig(
                DatabaseConfig.fromEnv(env, Secrets::string),
                vars.required("BUCKET_NAME", "the bucket that holds invoices/"),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                vars.required("EMAIL_QUEUE_URL", "the URL of the e-mail queue"),
                beneficiary,
                vars.range("BOLETO_OVERDUE_GRACE_DAYS", 5, 1, 60),
                EmailAfter.parse("EMAIL_AFTER", vars.optional("EMAIL_AFTER", "INVOICED")),
                vars.optional("REMITTANCE_QUEUE_URL"));
    }

}
