package dev.cobranca.local.wiring;

import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.local.runtime.FunctionErrorException;
import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.local.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 event notifications: each object stored in the emulator (by any client) that matches a function's S3 event
 * (bucket, event name, prefix/suffix) invokes it asynchronously, right away; a function error is retried twice,
 * as Lambda retries asynchronous invocations (with shorter waits than AWS's minutes).
 */
public final class S3Notifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Notifications.class);
    private static final long[] RETRY_DELAYS_MS = {2_000, 4_000};

    /** A function listening to a bucket. */
    public record Subscription(String bucketName, Template.S3Trigger trigger, LambdaFunction function) {
    }

    private final String region;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ExecutorService async = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("s3-event-", 0).daemon().factory());
    /** Invocations (with their retries) not finished yet. */
    private final AtomicInteger running = new AtomicInteger();

    public S3Notifications(S3Emulator s3, String region) {
        this.region = region;
        s3.onObjectCreated(this::objectCreated);
    }

    public void subscribe(Subscription subscription) {
        subscriptions.add(subscription);
    }

    private void objectCreated(S3Emulator.ObjectCreated created) {
        for (Subscription s : subscriptions) {
            if (s.bucketName().equals(created.bucket()) && s.trigger().matches(created.eventName(), created.key())) {
                String event = Events.s3(created.eventName(), region, created.bucket(), created.key(), created.size(),
                        created.eTag(), s.trigger().name());
                LOG.info("s3://{}/{} created ({} bytes) -> {}", created.bucket(), created.key(), created.size(), s.function().name());
                // counted in the PUT itself: whoever saw the object stored sees its invocation running
                running.incrementAndGet();
                async.submit(() -> {
                    try {
                        invokeWithRetries(s.function(), event, created.key());
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }
        }
    }

    /** True when every invocation of an object stored so far has ended (succeeded or given up). */
    public boolean idle() {
        return running.get() == 0;
    }

    private void invokeWithRetries(LambdaFunction function, String event, String key) {
        for (int attempt = 0; ; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (FunctionErrorException e) {
                if (attempt >= RETRY_DELAYS_MS.length) {
                    LOG.error("{} failed for {} after {} attempts; giving up: {}", function.name(), key, attempt + 1, e.getMessage());
                    return;
                }
                LOG.warn("{} failed for {} (attempt {}), retrying: {}", function.name(), key, attempt + 1, e.getMessage());
                try {
                    Thread.sleep(RETRY_DELAYS_MS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("{} could not be invoked for {}: {}", function.name(), key, e.toString());
                return;
            }
        }
    }

    @Override
    public void close() {
        async.shutdownNow();
        try {
            async.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
