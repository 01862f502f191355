package dev.cobranca.emulators;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS (ElasticMQ, in memory). Dead-letter redrive ({@code RedrivePolicy} with {@code maxReceiveCount}),
 * visibility timeouts, long polling and batch calls behave as on SQS. Any credentials are accepted.
 */
public final class SqsEmulator implements AutoCloseable {

    public static final String REGION = S3Emulator.REGION;

    private final SQSRestServer server;
    private final URI endpoint;
    private volatile SqsClient client;

    private SqsEmulator(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts on a free port. */
    public static SqsEmulator start() {
        return start(0);
    }

    /** @param port the port to listen on; 0 picks a free one */
    public static SqsEmulator start(int port) {
        EmulatorLogging.quiet();
        Ports.requireFree("SQS (ElasticMQ)", port);
        SQSRestServer server = null;
        boolean started = false;
        try {
            var builder = port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port);
            server = builder.withInterface("127.0.0.1").withAWSRegion(REGION).start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            SqsEmulator emulator = new SqsEmulator(server, URI.create("http://127.0.0.1:" + bound));
            started = true;
            return emulator;
        } catch (RuntimeException e) {
            throw Ports.startFailure("SQS (ElasticMQ)", port, e);
        } finally {
            if (!started && server != null) {
                stopQuietly(server);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String region() {
        return REGION;
    }

    /**
     * Creates a queue (or returns the existing one's URL).
     *
     * @param attributes SQS attribute names to values, e.g. {@code VisibilityTimeout} → {@code "30"},
     *                   {@code RedrivePolicy} → {@code {"deadLetterTargetArn":"...","maxReceiveCount":"3"}}
     *                   (see {@link #redrivePolicy(String, int)})
     * @return the queue URL
     */
    public String createQueue(String name, Map<String, String> attributes) {
        return client().createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
    }

    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    public String queueUrl(String name) {
        return client().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    public String queueArn(String queueUrl) {
        return client().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The {@code RedrivePolicy} value sending messages to {@code deadLetterQueueUrl} after {@code maxReceiveCount} receives. */
    public String redrivePolicy(String deadLetterQueueUrl, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + queueArn(deadLetterQueueUrl) + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
    }

    /** Approximate number of visible messages. */
    public int approximateMessages(String queueUrl) {
        return Integer.parseInt(client().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** An SQS client (url-connection HTTP) pointed at this emulator. Shared; do not close it. */
    public SqsClient client() {
        SqsClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = newClient();
                }
                c = client;
            }
        }
        return c;
    }

    /** A new SQS client pointed at this emulator; the caller closes it. */
    public SqsClient newClient() {
        return SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Emulator.ACCESS_KEY, S3Emulator.SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        SqsClient c = client;
        if (c != null) {
            c.close();
        }
        stopQuietly(server);
    }

    private static void stopQuietly(SQSRestServer server) {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            // already stopped or never bound
        }
    }

    @Override
    public String toString() {
        return "SqsEmulator[" + endpoint + "]";
    }
}
