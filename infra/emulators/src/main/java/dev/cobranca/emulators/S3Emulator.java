package dev.cobranca.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 (S3Proxy) on a filesystem store: every object is a plain file at {@code <baseDir>/<bucket>/<key>}.
 * Requests must carry AWS Signature V4 with {@link #accessKey()} / {@link #secretKey()}; presigned URLs are
 * checked fully (signed content type and length, key, expiry).
 */
public final class S3Emulator implements AutoCloseable {

    public static final String ACCESS_KEY = "cobranca";
    public static final String SECRET_KEY = "cobranca-local-secret";
    public static final String REGION = "us-east-1";

    /**
     * An object was stored, by whatever client: what an S3 event notification would carry.
     *
     * @param eventName {@code ObjectCreated:Put}, {@code ObjectCreated:Copy} or {@code ObjectCreated:CompleteMultipartUpload}
     */
    public record ObjectCreated(String eventName, String bucket, String key, long size, String eTag) {
    }

    private final S3Proxy proxy;
    private final Path baseDir;
    private final URI endpoint;
    private final List<Consumer<ObjectCreated>> listeners;
    private volatile S3Client client;

    private S3Emulator(S3Proxy proxy, Path baseDir, URI endpoint, List<Consumer<ObjectCreated>> listeners) {
        this.proxy = proxy;
        this.baseDir = baseDir;
        this.endpoint = endpoint;
        this.listeners = listeners;
    }

    /** Starts on a free port, storing under {@code baseDir} (created when missing). */
    public static S3Emulator start(Path baseDir) {
        return start(baseDir, 0);
    }

    /** @param port the port to listen on; 0 picks a free one */
    public static S3Emulator start(Path baseDir, int port) {
        Path dir = baseDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the S3 store directory " + dir, e);
        }
        EmulatorLogging.quiet();
        Ports.requireFree("S3 (S3Proxy)", port);
        List<Consumer<ObjectCreated>> listeners = new CopyOnWriteArrayList<>();
        NotifyingBlobStore store = new NotifyingBlobStore(new FilesystemNio2BlobStore(dir.toString()), listeners);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .jettyMaxThreads(24)
                .build();
        boolean started = false;
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(5);
            }
            S3Emulator emulator = new S3Emulator(proxy, dir, URI.create("http://127.0.0.1:" + proxy.getPort()), listeners);
            started = true;
            return emulator;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw Ports.startFailure("S3 (S3Proxy)", port, e);
        } finally {
            if (!started) {
                stopQuietly(proxy);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** Where objects live: {@code baseDir().resolve(bucket).resolve(key)}. */
    public Path baseDir() {
        return baseDir;
    }

    /** The file holding an object. */
    public Path objectPath(String bucket, String key) {
        return baseDir.resolve(bucket).resolve(key);
    }

    /** Creates the bucket unless it exists. */
    public void createBucket(String bucket) {
        if (!client().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
            client().createBucket(b -> b.bucket(bucket));
        }
    }

    /**
     * Calls {@code listener} after each object is stored, whichever client stored it (SDK, presigned URL,
     * {@code aws s3 cp}). It runs on the request's thread before the response is sent: hand long work off.
     */
    public void onObjectCreated(Consumer<ObjectCreated> listener) {
        listeners.add(listener);
    }

    /** An S3 client (path-style, url-connection HTTP) pointed at this emulator. Shared; do not close it. */
    public S3Client client() {
        S3Client c = client;
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

    /** A new S3 client pointed at this emulator; the caller closes it. */
    public S3Client newClient() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .build();
    }

    /** A presigner for this emulator (path-style); the caller closes it. */
    public S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() {
        S3Client c = client;
        if (c != null) {
            c.close();
        }
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping a server that never started; nothing left to release
        }
    }

    @Override
    public String toString() {
        return "S3Emulator[" + endpoint + ", " + baseDir + "]";
    }
}
