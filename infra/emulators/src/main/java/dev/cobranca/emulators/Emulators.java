package dev.cobranca.emulators;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** S3, SQS and SMTP together, started in parallel (about as fast as the slowest one). */
public final class Emulators implements AutoCloseable {

    /** Fixed ports, 0 for a free one each. */
    public record Ports(int s3, int sqs, int smtp) {
        public static final Ports DYNAMIC = new Ports(0, 0, 0);
    }

    private final S3Emulator s3;
    private final SqsEmulator sqs;
    private final SmtpEmulator smtp;

    private Emulators(S3Emulator s3, SqsEmulator sqs, SmtpEmulator smtp) {
        this.s3 = s3;
        this.sqs = sqs;
        this.smtp = smtp;
    }

    /** All three on free ports; S3 objects under {@code s3BaseDir}. */
    public static Emulators start(Path s3BaseDir) {
        return start(s3BaseDir, Ports.DYNAMIC);
    }

    public static Emulators start(Path s3BaseDir, Ports ports) {
        EmulatorLogging.quiet();
        try (ExecutorService pool = Executors.newFixedThreadPool(3, Thread.ofPlatform().name("emulator-start-", 0).factory())) {
            Future<S3Emulator> s3 = pool.submit(() -> S3Emulator.start(s3BaseDir, ports.s3()));
            Future<SqsEmulator> sqs = pool.submit(() -> SqsEmulator.start(ports.sqs()));
            Future<SmtpEmulator> smtp = pool.submit(() -> SmtpEmulator.start(ports.smtp()));
            List<AutoCloseable> started = new ArrayList<>();
            RuntimeException failure = null;
            S3Emulator s3e = take(s3, started);
            SqsEmulator sqse = take(sqs, started);
            SmtpEmulator smtpe = take(smtp, started);
            if (s3e == null || sqse == null || smtpe == null) {
                for (Future<?> f : List.of(s3, sqs, smtp)) {
                    failure = merge(failure, f);
                }
                for (AutoCloseable c : started) {
                    closeQuietly(c, failure);
                }
                throw failure;
            }
            return new Emulators(s3e, sqse, smtpe);
        }
    }

    private static <T extends AutoCloseable> T take(Future<T> future, List<AutoCloseable> started) {
        try {
            T value = future.get();
            started.add(value);
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static RuntimeException merge(RuntimeException failure, Future<?> future) {
        if (future.state() != Future.State.FAILED) {
            return failure == null && future.state() != Future.State.SUCCESS
                    ? new IllegalStateException("Interrupted while starting the emulators") : failure;
        }
        Throwable t = future.exceptionNow();
        RuntimeException e = t instanceof RuntimeException re ? re : new IllegalStateException(t.getMessage(), t);
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    public S3Emulator s3() {
        return s3;
    }

    public SqsEmulator sqs() {
        return sqs;
    }

    public SmtpEmulator smtp() {
        return smtp;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {smtp, sqs, s3}) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping the emulators failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
