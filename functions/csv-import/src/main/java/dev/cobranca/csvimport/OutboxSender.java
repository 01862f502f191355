package dev.cobranca.csvimport;

import dev.cobranca.core.concurrent.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends committed key ranges' outbox batches on one thread of its own, in the order the key ranges committed. On close
 * without {@link #awaitAll()} (the load failed) it finishes the page in flight, so nothing sent stays in the
 * outbox to be sent again, and leaves the rest for the next invocation.
 */
final class OutboxSender implements AutoCloseable {

    /** Outbox batches sent at a time (and read at a time by a resumed import). */
    static final int PAGE = 100;
    private static final int KEY_RANGES_IN_FLIGHT = 3;

    private final UUID uploadId;
    private final InvoicePublisher publisher;
    private final Duration closeTimeout;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("outbox-sender").daemon(true).factory());
    private final List<Future<?>> sent = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(KEY_RANGES_IN_FLIGHT);
    private final List<Long> sentIds = new ArrayList<>();
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /** @param closeTimeout how long {@link #close()} waits for the page in flight */
    OutboxSender(UUID uploadId, InvoicePublisher publisher, Duration closeTimeout) {
        this.uploadId = uploadId;
        this.publisher = publisher;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Queues a committed range's outbox batches, as the load handed them back (no reading them again). Blocks
     * while {@value #KEY_RANGES_IN_FLIGHT} ranges wait already: their ids are held in memory until sent.
     */
    void submit(List<InvoiceOutbox.Batch> batches) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing InvoiceRequested", e);
        }
        synchronized (this) {
            sent.add(thread.submit(() -> {
                try {
                    for (int from = 0; from < batches.size() && !stopping && failure == null; from += PAGE) {
                        List<Long> ids = publisher.publish(uploadId, batches.subList(from, Math.min(from + PAGE, batches.size())));
                        synchronized (sentIds) {
                            sentIds.addAll(ids);
                        }
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                } finally {
                    inFlight.release();
                }
            }));
        }
    }

    /** Outbox ids sent since the last call; deleting them is the caller's (the sender holds no connection). */
    List<Long> drainSent() {
        synchronized (sentIds) {
            List<Long> sent = List.copyOf(sentIds);
            sentIds.clear();
            return sent;
        }
    }

    void check() {
        RuntimeException f = failure;
        if (f != null) {
            throw new IllegalStateException("sending InvoiceRequested of upload " + uploadId + " failed: " + f.getMessage(), f);
        }
    }

    /** Waits for every submitted key range to be sent; throws the first failure. */
    void awaitAll() {
        List<Future<?>> all;
        synchronized (this) {
            all = List.copyOf(sent);
        }
        for (Future<?> f : all) {
            Futures.join(f, "sending to SQS");
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
