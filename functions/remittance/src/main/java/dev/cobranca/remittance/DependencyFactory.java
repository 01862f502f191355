package dev.cobranca.remittance;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceWriter;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.remittance.adapter.PostgresRemittanceStore;
import java.time.Clock;
import javax.sql.DataSource;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static RemittanceService service(RemittanceConfig config) {
        return service(config, DataSources.create(
                        // one connection holds the run's lock, one claims the next remessa while one writes the last
                        config.database().withPoolSizeAtLeast(3), "cobranca-remittance"),
                new S3ObjectStore(AwsClients.s3(config.forcePathStyle()), config.bucket()));
    }

    /** The service on a given pool and bucket (at least 3 connections: see above). */
    public static RemittanceService service(RemittanceConfig config, DataSource pool, ObjectStore objects) {
        return new RemittanceService(new PostgresRemittanceStore(pool), new BancoDoBrasilRemittanceWriter(), objects,
                new RemittanceService.Sender(config.beneficiary(), config.agencyDigit(), config.accountDigit(),
                        config.walletVariation(), config.terms()),
                config.maxTitles(), config.maxFiles(), Clock.system(RemittanceService.BANK_ZONE));
    }
}
