package dev.cobranca.migration;

import dev.cobranca.migration.adapter.HttpCustomResourceResponder;
import dev.cobranca.postgres.DataSources;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static MigrationService service(MigrationConfig config) {
        return new MigrationService(DataSources.create(config.database(), "cobranca-migration"),
                new HttpCustomResourceResponder());
    }
}
