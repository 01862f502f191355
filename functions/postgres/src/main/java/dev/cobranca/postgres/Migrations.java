package dev.cobranca.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies infra/migrations (shipped on the classpath as db/migration) with Flyway. */
public final class Migrations {

    private Migrations() {
    }

    /** @return the number of migrations applied now (0 when the schema was current) */
    public static int apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
