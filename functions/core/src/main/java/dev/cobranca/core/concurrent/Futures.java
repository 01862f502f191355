package dev.cobranca.core.concurrent;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for tasks without the {@link ExecutionException} ceremony at every call: the task's own exception comes
 * out as it was thrown (a {@link RuntimeException} or {@link Error}), a checked one wrapped in
 * {@link IllegalStateException}; an interrupted wait keeps the thread's interrupt flag and throws.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * The task's result, or its exception rethrown.
     *
     * @param what what the task does, for the messages ("reading the upload")
     */
    public static <T> T join(Future<T> future, String what) {
        Throwable failure;
        try {
            return future.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            throw interrupted(what, e);
        }
        throw unchecked(failure, what);
    }

    /**
     * Waits for every task; the first failure (in list order) is thrown with the later ones suppressed, and once a
     * task failed the others still pending are cancelled (a cancelled one counts as no failure). An {@link Error}
     * is thrown at once, the others cancelled.
     */
    public static void joinAll(List<? extends Future<?>> futures, String what) {
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            Throwable cause = failure(future, what);
            if (cause == null || cause instanceof CancellationException) {
                continue;
            }
            if (cause instanceof Error error) {
                futures.forEach(f -> f.cancel(false));
                throw error;
            }
            RuntimeException thrown = unchecked(cause, what);
            if (failure == null) {
                failure = thrown;
                futures.forEach(f -> f.cancel(false));
            } else if (failure != thrown) {
                failure.addSuppressed(thrown);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits for the task; its exception (a {@link CancellationException} when it was cancelled), or null when it
     * succeeded: for callers that go on past a failed task.
     */
    public static Throwable failure(Future<?> future, String what) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        } catch (InterruptedException e) {
            throw interrupted(what, e);
        }
    }

    private static RuntimeException unchecked(Throwable failure, String what) {
        return switch (failure) {
            case RuntimeException r -> r;
            case Error e -> throw e;
            default -> new IllegalStateException(what + " failed", failure);
        };
    }

    private static IllegalStateException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted while " + what, e);
    }
}
