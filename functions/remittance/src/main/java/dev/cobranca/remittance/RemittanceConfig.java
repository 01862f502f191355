package dev.cobranca.remittance;

import dev.cobranca.aws.Secrets;
import dev.cobranca.core.bank.TitleTerms;
import dev.cobranca.core.bank.bb.BancoDoBrasilCheckDigits;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The remittance function's configuration, read once at init.
 *
 * @param database        {@code DATABASE_*}
 * @param bucket          {@code BUCKET_NAME}: where {@code remittances/{yyyy-MM-dd}/{nsa}.rem} are written
 * @param forcePathStyle  {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param beneficiary     {@code BOLETO_*} and {@code BENEFICIARY_*}, as the invoice function reads them
 * @param agencyDigit     {@code BOLETO_AGENCY_DIGIT}; default: computed (BB's modulo 11, X for 10)
 * @param accountDigit    {@code BOLETO_ACCOUNT_DIGIT}; default: computed likewise
 * @param walletVariation {@code BOLETO_WALLET_VARIATION}, default 019: BB's "variação da carteira" of the convênio
 * @param terms           {@code BANK_FINE_PERCENT}, {@code BANK_INTEREST_MONTHLY_PERCENT}, {@code BANK_DISCOUNT_AMOUNT},
 *                        {@code BANK_DISCOUNT_DAYS_BEFORE_DUE}, {@code BANK_WRITE_OFF_DAYS}: the same for every title
 * @param maxTitles       {@code REMITTANCE_MAX_TITLES}, default 100,000: titles per file (a CNAB 240 file counts its
 *                        records in 6 digits, and a title takes up to 3)
 * @param maxFiles        {@code REMITTANCE_MAX_FILES_PER_RUN}, default 20: what is left waits for the next run
 */
public record RemittanceConfig(
        DatabaseConfig database,
        String bucket,
        boolean forcePathStyle,
        Beneficiary beneficiary,
        String agencyDigit,
        String accountDigit,
        String walletVariation,
        TitleTerms terms,
        int maxTitles,
        int maxFiles) {

    /** Variables without which {@link #fromEnv} fails; the template test holds template.yaml to them. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "BUCKET_NAME", "BOLETO_AGENCY", "BOLETO_ACCOUNT",
            "BOLETO_CONVENIO", "BOLETO_WALLET", "BENEFICIARY_NAME", "BENEFICIARY_CNPJ");

    public static RemittanceConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        Beneficiary beneficiary = Beneficiary.fromEnv(vars);
        TitleTerms terms = new TitleTerms(
                decimal(vars, "BANK_FINE_PERCENT", "20"),
                decimal(vars, "BANK_INTEREST_MONTHLY_PERCENT", "20"),
                decimal(vars, "BANK_DISCOUNT_AMOUNT", "99999999.99"),
                vars.range("BANK_DISCOUNT_DAYS_BEFORE_DUE", 0, 0, 99),
                vars.range("BANK_WRITE_OFF_DAYS", 0, 0, 999));
        return new RemittanceConfig(
                DatabaseConfig.fromEnv(env, Secrets::string),
                vars.required("BUCKET_NAME", "the bucket that holds remittances/"),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                beneficiary,
                checkDigit(vars, "BOLETO_AGENCY_DIGIT", BancoDoBrasilCheckDigits.of(beneficiary.agency())),
                checkDigit(vars, "BOLETO_ACCOUNT_DIGIT", BancoDoBrasilCheckDigits.of(beneficiary.account())),
                walletVariation(vars),
                terms,
                vars.range("REMITTANCE_MAX_TITLES", 100_000, 1, 300_000),
                vars.range("REMITTANCE_MAX_FILES_PER_RUN", 20, 1, 1000));
    }

    /** A non-negative amount or percentage with at most 2 decimals; zero (the default) means none. */
    private static BigDecimal decimal(Env vars, String name, String max) {
        String raw = vars.optional(name, "0");
        BigDecimal value;
        try {
            value = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number such as 2.00, got '" + raw + "'.");
        }
        if (value.signum() < 0 || value.scale() > 2 || value.compareTo(new BigDecimal(max)) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max + " with at most 2 decimals, got '" + raw + "'.");
        }
        return value;
    }

    private static String checkDigit(Env vars, String name, String computed) {
        String value = vars.optional(name, computed);
        if (!value.matches("[0-9X]")) {
            throw new IllegalArgumentException(name + " must be one digit or X, got '" + value + "'.");
        }
        return value;
    }

    private static String walletVariation(Env vars) {
        String value = vars.optional("BOLETO_WALLET_VARIATION", "019");
        if (!value.matches("\\d{3}")) {
            throw new IllegalArgumentException("BOLETO_WALLET_VARIATION must be 3 digits (BB's variação da carteira, e.g. 019), got '"
                    + value + "'.");
        }
        return value;
    }
}
