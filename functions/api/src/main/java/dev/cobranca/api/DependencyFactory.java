package dev.cobranca.api;

import com.zaxxer.hikari.HikariDataSource;
import dev.cobranca.api.adapter.PoolSnapshotHook;
import dev.cobranca.api.adapter.PostgresChargeQuery;
import dev.cobranca.api.adapter.PostgresPaymentStore;
import dev.cobranca.api.adapter.PostgresUploadStore;
import dev.cobranca.api.adapter.S3UrlSigner;
import dev.cobranca.aws.AwsClients;
import dev.cobranca.postgres.DataSources;
import java.util.ArrayList;
import java.util.List;
import org.crac.Core;

/** The composition root: runs once per execution environment, during init (before the SnapStart snapshot). */
final class DependencyFactory {

    /** CRaC holds resources weakly: keep them reachable for the life of the environment. */
    private static final List<PoolSnapshotHook> HOOKS = new ArrayList<>();

    private DependencyFactory() {
    }

    static ApiService service(ApiConfig config) {
        // No connection is opened here: the pool starts empty (minimumIdle 0), so the snapshot holds none.
        HikariDataSource dataSource = DataSources.create(config.database(), "api");
        PoolSnapshotHook hook = new PoolSnapshotHook(dataSource);
        synchronized (HOOKS) {
            HOOKS.add(hook);
        }
        Core.getGlobalContext().register(hook);
        return new ApiService(config,
                new PostgresUploadStore(dataSource),
                new PostgresChargeQuery(dataSource),
                new PostgresPaymentStore(dataSource),
                new S3UrlSigner(AwsClients.s3Presigner(config.forcePathStyle()), config.bucket()));
    }
}
