package dev.cobranca.migration;

import dev.cobranca.migrations.Migrations;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the migrations for a CloudFormation deploy and answers CloudFormation. Create and Update migrate
 * (idempotent: a current schema applies nothing); Delete changes nothing, since a stack's removal must never
 * drop the debtors' data.
 */
public final class MigrationService {

    /** The one resource this function manages; the same id on every answer keeps Updates from replacing it. */
    public static final String PHYSICAL_ID = "cobranca-schema";
    /** CloudFormation refuses answers over 4 KiB; Flyway's messages (with the failed SQL) can be longer. */
    static final int MAX_REASON = 3000;

    private static final Logger LOG = LoggerFactory.getLogger(MigrationService.class);

    private final DataSource dataSource;
    private final CustomResourceResponder responder;

    public MigrationService(DataSource dataSource, CustomResourceResponder responder) {
        this.dataSource = dataSource;
        this.responder = responder;
    }

    public CustomResourceOutcome handle(CustomResourceRequest request) {
        CustomResourceOutcome outcome = outcome(request);
        responder.respond(request, outcome);
        return outcome;
    }

    private CustomResourceOutcome outcome(CustomResourceRequest request) {
        if ("Delete".equals(request.requestType())) {
            LOG.info("stack delete: the schema and its data are kept");
            return new CustomResourceOutcome(true, "schema kept", PHYSICAL_ID, Map.of());
        }
        try {
            Migrations.Result result = migrate();
            String reason = "applied " + result.applied() + " migration(s); schema at version " + result.schemaVersion();
            LOG.info("{} ({})", reason, request.requestType());
            return new CustomResourceOutcome(true, reason, PHYSICAL_ID,
                    Map.of("SchemaVersion", String.valueOf(result.schemaVersion()), "Applied", String.valueOf(result.applied())));
        } catch (RuntimeException e) {
            // Any failure (Flyway's, or the database unreachable) must reach CloudFormation as FAILED: an exception
            // that escaped without an answer would leave the deploy waiting for an hour.
            LOG.error("migration failed", e);
            return new CustomResourceOutcome(false, truncate(describe(e)), PHYSICAL_ID, Map.of());
        }
    }

    /** Migrates without a CloudFormation request: {@code ./cobranca migrate} and direct invocations. */
    public Migrations.Result migrate() {
        return Migrations.migrate(dataSource);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
