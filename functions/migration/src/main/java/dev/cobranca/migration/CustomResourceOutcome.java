package dev.cobranca.migration;

import java.util.Map;

/**
 * The answer to a custom resource request.
 *
 * @param success            SUCCESS or FAILED (a FAILED answer fails the deploy and rolls it back)
 * @param reason             shown in the stack's events; for a failure, Flyway's message
 * @param physicalResourceId the same on every request, so an Update never makes CloudFormation delete the old one
 * @param data               attributes readable with {@code Fn::GetAtt}
 */
public record CustomResourceOutcome(boolean success, String reason, String physicalResourceId, Map<String, String> data) {
}
