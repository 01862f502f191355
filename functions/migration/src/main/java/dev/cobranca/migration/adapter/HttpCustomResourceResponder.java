package dev.cobranca.migration.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cobranca.migration.CustomResourceOutcome;
import dev.cobranca.migration.CustomResourceRequest;
import dev.cobranca.migration.CustomResourceResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Answers CloudFormation with a PUT of the JSON response object to the request's presigned {@code ResponseURL}.
 * No Content-Type is sent: the URL is signed without one, and S3 refuses a PUT whose headers differ.
 */
public final class HttpCustomResourceResponder implements CustomResourceResponder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public void respond(CustomResourceRequest request, CustomResourceOutcome outcome) {
        ObjectNode body = JSON.createObjectNode()
                .put("Status", outcome.success() ? "SUCCESS" : "FAILED")
                .put("Reason", outcome.reason())
                .put("PhysicalResourceId", outcome.physicalResourceId())
                .put("StackId", request.stackId())
                .put("RequestId", request.requestId())
                .put("LogicalResourceId", request.logicalResourceId());
        ObjectNode data = body.putObject("Data");
        outcome.data().forEach(data::put);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(request.responseUrl()))
                            .timeout(Duration.ofSeconds(30))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new UncheckedIOException(new IOException("CloudFormation's response URL answered "
                        + response.statusCode() + ": " + response.body()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer CloudFormation at its response URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }
}
