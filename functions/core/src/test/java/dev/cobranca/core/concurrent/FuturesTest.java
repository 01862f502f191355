package dev.cobranca.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void shouldReturnTheValue_orRethrowTheTasksOwnException() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");

        assertThat(Futures.join(CompletableFuture.completedFuture(7), "adding")).isEqualTo(7);
        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(refused), "adding")).isSameAs(refused);
        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(new OutOfMemoryError("heap")), "adding"))
                .isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(new IOException("disk")), "reading run 3"))
                .isInstanceOf(IllegalStateException.class).hasMessage("reading run 3 failed")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void shouldKeepTheInterruptFlag_whenTheWaitIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Futures.join(new CompletableFuture<>(), "loading"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while loading");
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldThrowTheFirstFailure_withLaterOnesSuppressed_andCancelTheRest() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> pending = pool.submit(() -> {
                release.await();
                return null;
            });
            List<Future<?>> all = List.of(CompletableFuture.completedFuture(1), CompletableFuture.failedFuture(first),
                    CompletableFuture.failedFuture(second), pending);
            try {
                assertThatThrownBy(() -> Futures.joinAll(all, "loading")).isSameAs(first);
                assertThat(first.getSuppressed()).containsExactly(second);
                assertThat(pending.isCancelled()).isTrue();
            } finally {
                release.countDown(); // the cancelled task still runs (no interrupt): let it end before the pool closes
            }
        }
    }

    @Test
    void shouldReturnTheFailure_orNull() {
        IllegalStateException refused = new IllegalStateException("refused");

        assertThat(Futures.failure(CompletableFuture.completedFuture(1), "storing")).isNull();
        assertThat(Futures.failure(CompletableFuture.failedFuture(refused), "storing")).isSameAs(refused);
    }
}
