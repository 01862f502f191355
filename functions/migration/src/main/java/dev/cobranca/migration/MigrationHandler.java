package dev.cobranca.migration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import java.util.Map;

/**
 * {@code MigrationFunction}: the {@code Custom::SchemaMigration} resource of template.yaml. CloudFormation invokes
 * it on every deploy that publishes a new version of this function (its migrations are in the jar), so the
 * schema is migrated from inside the VPC, before the deploy completes; a failed migration fails the deploy.
 */
public final class MigrationHandler implements RequestHandler<CloudFormationCustomResourceEvent, String> {

    private final MigrationService service;

    public MigrationHandler() {
        this(System.getenv());
    }

    public MigrationHandler(Map<String, String> env) {
        this(DependencyFactory.service(MigrationConfig.fromEnv(env)));
    }

    public MigrationHandler(MigrationService service) {
        this.service = service;
    }

    @Override
    public String handleRequest(CloudFormationCustomResourceEvent event, Context context) {
        CustomResourceOutcome outcome = service.handle(new CustomResourceRequest(event.getRequestType(),
                event.getResponseUrl(), event.getStackId(), event.getRequestId(), event.getLogicalResourceId(),
                event.getPhysicalResourceId()));
        return (outcome.success() ? "SUCCESS: " : "FAILED: ") + outcome.reason();
    }
}
