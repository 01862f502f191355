package dev.cobranca.csvimport;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.aws.SqsMessagePublisher;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.csvimport.adapter.CopyRowFormat;
import dev.cobranca.csvimport.adapter.PostgresChargeLoader;
import dev.cobranca.csvimport.adapter.PostgresInvoiceOutbox;
import dev.cobranca.csvimport.adapter.PostgresUploadLeases;
import dev.cobranca.postgres.DataSources;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: built once per execution environment, at init. */
public final class DependencyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyFactory.class);

    private DependencyFactory() {
    }

    public static ImportService service(CsvImportConfig config) {
        DataSource dataSource = DataSources.create(config.database(), "csv-import");
        return new ImportService(
                new S3ObjectStore(AwsClients.s3(config.forcePathStyle()), config.bucketName()),
                new SqsMessagePublisher(AwsClients.sqs(), config.invoiceQueueUrl()),
                new PostgresUploadLeases(dataSource),
                new PostgresChargeLoader(dataSource),
                new CopyRowFormat(),
                new PostgresInvoiceOutbox(dataSource),
                settings(config),
                LOGGING);
    }

    public static ImportService.Settings settings(CsvImportConfig config) {
        return new ImportService.Settings(config.rowsPerKeyRange(), config.debtIdsPerMessage(), config.lease(),
                loadSessions(config), Duration.ofSeconds(1),
                new DebtValidator(config.strictGovernmentId()), config.maxRowBytes());
    }

    /** Each connection loads key ranges; the outbox sender holds none (its deletes run between ranges). */
    private static int loadSessions(CsvImportConfig config) {
        return config.database().poolSize();
    }

    static final ImportProgress LOGGING = new ImportProgress() {
        @Override
        public void fileRead(UUID uploadId, long rows) {
            LOG.info("upload {}: {} rows read and sorted", uploadId, rows);
        }

        @Override
        public void keyRangeLoaded(UUID uploadId, int rangeNo, long inserted) {
            LOG.info("upload {}: key range {} loaded, {} new charges", uploadId, rangeNo, inserted);
        }
    };
}
