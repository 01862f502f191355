package dev.cobranca.migration;

/**
 * What of a CloudFormation custom resource request the answer must echo back.
 *
 * @param requestType        {@code Create}, {@code Update} or {@code Delete}
 * @param physicalResourceId null on Create
 */
public record CustomResourceRequest(String requestType, String responseUrl, String stackId, String requestId,
                                    String logicalResourceId, String physicalResourceId) {
}
