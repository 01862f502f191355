package dev.cobranca.invoice;

import dev.cobranca.aws.DatabaseConfigs;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.postgres.DatabaseConfig;
import java.util.Map;

/**
 * The invoice function's configuration, read once at init.
 *
 * @param database       {@code DATABASE_*}
 * @param bucket         {@code BUCKET_NAME}: where {@code invoices/{debtId}.pdf} are written
 * @param forcePathStyle {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param emailQueueUrl  {@code EMAIL_QUEUE_URL}: where {@code EmailRequested} messages go
 * @param beneficiary    {@code BOLETO_*} and {@code BENEFICIARY_*}: the company printed on every boleto
 */
public record InvoiceConfig(
        DatabaseConfig database,
        String bucket,
        boolean forcePathStyle,
        String emailQueueUrl,
        Beneficiary beneficiary) {

    public static InvoiceConfig fromEnv(Map<String, String> env) {
        String bankCode = optional(env, "BOLETO_BANK_CODE", "001");
        if (!"001".equals(bankCode)) {
            throw new IllegalArgumentException("BOLETO_BANK_CODE must be 001 (Banco do Brasil, the only bank issued for now), got '"
                    + bankCode + "'.");
        }
        Beneficiary beneficiary = new Beneficiary(
                bankCode,
                digits(env, "BOLETO_AGENCY", 1, 4, "the agency number without its check digit, 1 to 4 digits"),
                digits(env, "BOLETO_ACCOUNT", 1, 8, "the account number without its check digit, 1 to 8 digits"),
                digits(env, "BOLETO_CONVENIO", 7, 7, "Banco do Brasil's 7-digit convênio"),
                digits(env, "BOLETO_WALLET", 2, 2, "the 2-digit carteira, e.g. 17"),
                required(env, "BENEFICIARY_NAME", "the beneficiary's legal name printed on every boleto"),
                digits(env, "BENEFICIARY_CNPJ", 14, 14, "the beneficiary's CNPJ, 14 digits without punctuation"));
        return new InvoiceConfig(
                DatabaseConfigs.fromEnv(env),
                required(env, "BUCKET_NAME", "the bucket that holds invoices/"),
                bool(env, "S3_FORCE_PATH_STYLE", false),
                required(env, "EMAIL_QUEUE_URL", "the URL of the e-mail queue"),
                beneficiary);
    }

    static String required(Map<String, String> env, String name, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required: " + what + ".");
        }
        return value.trim();
    }

    static String optional(Map<String, String> env, String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static String digits(Map<String, String> env, String name, int min, int max, String what) {
        String value = required(env, name, what);
        if (value.length() < min || value.length() > max || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be " + what + ", got '" + value + "'.");
        }
        return value;
    }

    static boolean bool(Map<String, String> env, String name, boolean defaultValue) {
        String value = optional(env, name, null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'.");
        };
    }
}
