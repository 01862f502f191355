package dev.cobranca.migrations;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies infra/migrations (shipped on the classpath as db/migration) with Flyway. */
public final class Migrations {

    /**
     * @param applied       migrations applied now (0 when the schema was current)
     * @param schemaVersion the schema's version afterwards, e.g. {@code 45}
     */
    public record Result(int applied, String schemaVersion) {
    }

    private Migrations() {
    }

    /** @throws org.flywaydb.core.api.FlywayException naming the failed migration and the database's message */
    public static Result migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // a migration file renamed or edited after it ran must fail the deploy, not be skipped
                .validateOnMigrate(true)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new Result(result.migrationsExecuted, version);
    }

    /** @return the number of migrations applied now (0 when the schema was current) */
    public static int apply(DataSource dataSource) {
        return migrate(dataSource).applied();
    }
}
