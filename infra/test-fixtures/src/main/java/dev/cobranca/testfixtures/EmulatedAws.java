package dev.cobranca.testfixtures;

import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.SdkEndpoints;
import dev.cobranca.emulators.SmtpEmulator;
import dev.cobranca.emulators.SqsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulators of {@code infra/emulators} for one test class, and the SDK pointed at them the way the local runner
 * points the functions at them ({@link SdkEndpoints}: the standard region, credential and per-service endpoint
 * system properties), so a handler built from its environment reaches them with no endpoint in code. Register it on a
 * static field: {@code @RegisterExtension static final EmulatedAws AWS = EmulatedAws.s3("bucket").withSqs();}.
 */
public final class EmulatedAws implements BeforeAllCallback, AfterAllCallback {

    /** A queue and the dead-letter queue its redrive policy sends to. */
    public record Queue(String url, String arn, String deadLetterUrl) {
    }

    private final String bucket;
    private boolean withSqs;
    private boolean withSmtp;
    private Path s3Dir;
    private S3Emulator s3;
    private SqsEmulator sqs;
    private SmtpEmulator smtp;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private EmulatedAws(String bucket) {
        this.bucket = bucket;
    }

    /** S3Proxy with {@code bucket} created. */
    public static EmulatedAws s3(String bucket) {
        return new EmulatedAws(bucket);
    }

    /** ElasticMQ too. */
    public EmulatedAws withSqs() {
        withSqs = true;
        return this;
    }

    /** GreenMail too. */
    public EmulatedAws withSmtp() {
        withSmtp = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        s3Dir = Files.createTempDirectory("cobranca-s3-");
        try {
            s3 = S3Emulator.start(s3Dir);
            s3.createBucket(bucket);
            if (withSqs) {
                sqs = SqsEmulator.start();
            }
            if (withSmtp) {
                smtp = SmtpEmulator.start();
            }
            properties.putAll(SdkEndpoints.systemProperties(s3, sqs));
        } catch (RuntimeException e) {
            afterAll(context); // a started emulator keeps the JVM alive
            throw e;
        }
        properties.forEach(System::setProperty);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        properties.keySet().forEach(System::clearProperty);
        properties.clear();
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable emulator : new AutoCloseable[] {smtp, sqs, s3}) {
            try {
                if (emulator != null) {
                    emulator.close();
                }
            } catch (Exception e) {
                failures.add(e); // keep stopping the others
            }
        }
        deleteQuietly(s3Dir);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("stopping the emulators failed", failures.getFirst());
            failures.subList(1, failures.size()).forEach(e::addSuppressed);
            throw e;
        }
    }

    public String bucket() {
        return bucket;
    }

    public S3Emulator s3() {
        return s3;
    }

    public S3Client s3Client() {
        return s3.client();
    }

    public SqsEmulator sqs() {
        return require(sqs, "withSqs()");
    }

    public SqsClient sqsClient() {
        return sqs().client();
    }

    public SmtpEmulator smtp() {
        return require(smtp, "withSmtp()");
    }

    /** What every function's environment holds here: the bucket, reached path-style as the emulator needs. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BUCKET_NAME", bucket);
        env.put("S3_FORCE_PATH_STYLE", "true");
        return env;
    }

    /** The bytes stored at {@code key} in the bucket. */
    public byte[] object(String key) {
        return s3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /**
     * A new queue {@code name} (made unique) with its dead-letter queue after {@code maxReceiveCount} receives, as
     * template.yaml declares the pipeline's queues.
     */
    public Queue queueWithDeadLetter(String name, int visibilitySeconds, int maxReceiveCount) {
        String unique = name + "-" + Long.toHexString(System.nanoTime());
        String deadLetter = sqs().createQueue(unique + "-dlq");
        String url = sqs().createQueue(unique, Map.of("VisibilityTimeout", Integer.toString(visibilitySeconds),
                "RedrivePolicy", sqs().redrivePolicy(deadLetter, maxReceiveCount)));
        return new Queue(url, sqs().queueArn(url), deadLetter);
    }

    private static <T> T require(T emulator, String builder) {
        if (emulator == null) {
            throw new IllegalStateException("not started: register EmulatedAws with " + builder + " on a static field");
        }
        return emulator;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
