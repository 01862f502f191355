package dev.cobranca.csvimport;

import dev.cobranca.aws.Secrets;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The import function's settings, read once from the environment (template.yaml, CsvImportFunction).
 *
 * @param bucketName          {@code BUCKET_NAME}, required: the bucket holding uploads and reports
 * @param forcePathStyle      {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param invoiceQueueUrl     {@code INVOICE_QUEUE_URL}, required
 * @param rowsPerKeyRange     {@code IMPORT_BATCH_ROWS}, default 100000: rows per key range (one loading transaction,
 *                            the unit of resuming)
 * @param debtIdsPerMessage   {@code INVOICE_MESSAGE_DEBT_IDS}, default 500: debtIds per InvoiceRequested (SQS bills and
 *                            the emulators spend per request: fewer, larger messages; the invoice queue's BatchSize of 2
 *                            keeps about 1,000 boletos per invocation)
 * @param lease               {@code IMPORT_LEASE_SECONDS}, default 120: how long a silent invocation keeps the import
 * @param strictGovernmentId  {@code IMPORT_STRICT_GOVERNMENT_ID}, default false: also check CPF/CNPJ digits
 * @param maxRowBytes         {@code IMPORT_MAX_ROW_BYTES}, default 65536: a longer row is rejected (and never held
 *                            whole): with the byte-bounded queues and sort, what keeps the heap bounded by bytes
 * @param database            {@code DATABASE_*}; {@code DATABASE_POOL_SIZE} 1 or 2 (default 2): the pool, built at init
 */
public record CsvImportConfig(
        String bucketName,
        boolean forcePathStyle,
        String invoiceQueueUrl,
        int rowsPerKeyRange,
        int debtIdsPerMessage,
        Duration lease,
        boolean strictGovernmentId,
        int maxRowBytes,
        DatabaseConfig database) {

    /** The variables {@link #fromEnv} cannot do without. */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "BUCKET_NAME", "INVOICE_QUEUE_URL");

    /** Bounds of IMPORT_MAX_ROW_BYTES: a whole row must fit many times in a reading thread's sort arena (4 MiB at least). */
    static final int MIN_ROW_BYTES = 1_024;
    static final int MAX_ROW_BYTES = 1 << 20;

    public CsvImportConfig {
        require(bucketName, "BUCKET_NAME is required (the bucket that receives uploads/ and reports/).");
        require(invoiceQueueUrl, "INVOICE_QUEUE_URL is required (the URL of the queue InvoiceRequested messages go to).");
        if (rowsPerKeyRange < 1 || rowsPerKeyRange > 10_000_000) {
            throw new IllegalArgumentException("IMPORT_BATCH_ROWS must be between 1 and 10000000, got " + rowsPerKeyRange + ".");
        }
        // SQS takes bodies up to 256 KiB: 1000 debtIds of 64 characters fit with room to spare
        if (debtIdsPerMessage < 1 || debtIdsPerMessage > 1_000) {
            throw new IllegalArgumentException("INVOICE_MESSAGE_DEBT_IDS must be between 1 and 1000, got "
                    + debtIdsPerMessage + ".");
        }
        if (database.poolSize() > 2) {
            throw new IllegalArgumentException("DATABASE_POOL_SIZE must be 1 or 2 for the CSV import, got "
                    + database.poolSize() + " (each connection loads key ranges: two use the database's cores, more only queue).");
        }
        if (maxRowBytes < MIN_ROW_BYTES || maxRowBytes > MAX_ROW_BYTES) {
            throw new IllegalArgumentException("IMPORT_MAX_ROW_BYTES must be between " + MIN_ROW_BYTES + " and "
                    + MAX_ROW_BYTES + ", got " + maxRowBytes + " (a real row is about 110 bytes).");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("IMPORT_LEASE_SECONDS must be positive, got " + lease.toSeconds() + ".");
        }
    }

    public static CsvImportConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        return new CsvImportConfig(
                vars.optional("BUCKET_NAME"),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                vars.optional("INVOICE_QUEUE_URL"),
                vars.range("IMPORT_BATCH_ROWS", 100_000, Integer.MIN_VALUE, Integer.MAX_VALUE),
                vars.range("INVOICE_MESSAGE_DEBT_IDS", 500, Integer.MIN_VALUE, Integer.MAX_VALUE),
                Duration.ofSeconds(vars.range("IMPORT_LEASE_SECONDS", 120, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                vars.bool("IMPORT_STRICT_GOVERNMENT_ID", false),
                vars.range("IMPORT_MAX_ROW_BYTES", 65_536, Integer.MIN_VALUE, Integer.MAX_VALUE),
                DatabaseConfig.fromEnv(env, Secrets::string));
    }

    private static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }
}
