package dev.cobranca.local.command;

import dev.cobranca.emulators.Database;
import dev.cobranca.emulators.PostgresUnavailableException;
import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.RunnerException;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate}: applies infra/migrations to a database a person can reach (a local one, or RDS through a
 * tunnel). On AWS, MigrationFunction does the same from inside the VPC on every deploy.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the schema migrations to a PostgreSQL database and exit (idempotent).")
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "The database. Default: $DATABASE_URL or jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres. "
                    + "A password is better given in the URL's environment than on the command line.")
    String databaseUrl;

    @Option(names = {"-v", "--verbose"}, description = "Log what Flyway does.")
    boolean verbose;

    @Override
    public Integer call() {
        CommonOptions common = new CommonOptions();
        common.databaseUrl = databaseUrl;
        try (Database database = Database.open(common.databaseUrl(), 2)) {
            System.out.println("Applied " + database.migrationsApplied() + " migration(s); the schema is current.");
            return ExitCodes.OK;
        } catch (PostgresUnavailableException e) {
            throw new RunnerException(ExitCodes.POSTGRES_UNREACHABLE, e.getMessage(), e);
        } catch (FlywayException e) {
            throw new RunnerException(ExitCodes.MIGRATION_FAILED, "migration failed: " + e.getMessage(), e);
        }
    }
}
