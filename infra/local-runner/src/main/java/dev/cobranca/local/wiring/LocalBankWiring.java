package dev.cobranca.local.wiring;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.emulators.S3Emulator;
import dev.cobranca.emulators.bank.GeneratedReturn;
import dev.cobranca.emulators.bank.LocalBank;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bank at the other end of the company's channel: every remessa stored under {@code remittances/} is answered by
 * the {@link LocalBank} with retornos stored under {@code returns/} through S3 (so the bucket's notification invokes
 * BankReturnFunction, as a bank delivering files over SFTP into the bucket would). A remessa is answered at once with
 * its entries (02 confirmed, 03 rejected); the payments of the paid share come {@code payDelay} later in a retorno of
 * their own, as a bank's daily movement file would (a real one a day or more later), so titles are registered, and
 * their e-mails on their way, before any is paid. One thing at a time, in the order it is due, so the retornos' NSAs
 * follow the order they are delivered in; the last NSA survives restarts in the data directory (payments still due
 * when the stack stops are not: a local stand-in). A remessa stored again after it was answered (a run that died
 * between storing it and marking it WRITTEN writes it again, same NSA, same key) is not processed twice, as a bank
 * takes a file once: the keys and contents answered are kept in the data directory. A new remessa under a key seen
 * before (a fresh database numbers its remessas from 1 again) is answered.
 */
public final class LocalBankWiring implements AutoCloseable {

    public static final String REMITTANCES = "remittances/";
    public static final String RETURNS = "returns/";
    private static final Logger LOG = LoggerFactory.getLogger(LocalBankWiring.class);
    private static final ZoneId BANK_ZONE = ZoneId.of("America/Sao_Paulo");

    private final S3Client s3;
    private final String bucket;
    private final Path state;
    /** Remessas answered, a line each: key and ETag (a file stored again with the same bytes is not answered twice). */
    private final Path answeredLog;
    private final double payShare;
    private final Duration payDelay;
    private final LocalBank bank;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-bank").daemon().factory());
    /** Remessas received whose answer or payments are not delivered yet. */
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    /** Key and ETag of each remessa received again after it was answered. */
    private final Set<String> repeated = ConcurrentHashMap.newKeySet();

    /**
     * @param stateDir where the last retorno NSA is kept
     * @param payShare share (0..1) of the confirmed titles the bank settles
     * @param payDelay how long after the entries retorno the payments' retorno comes (zero: right after it)
     */
    public LocalBankWiring(S3Emulator emulator, S3Client s3, String bucket, Path stateDir, double payShare, Duration payDelay) {
        if (payDelay == null || payDelay.isNegative()) {
            throw new IllegalArgumentException("the bank's pay delay must be zero or more, got " + payDelay);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.payShare = payShare;
        this.payDelay = payDelay;
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateDir, e);
        }
        this.state = stateDir.resolve("last-retorno-nsa");
        this.answeredLog = stateDir.resolve("answered-remessas");
        this.bank = new LocalBank(lastNsa());
        emulator.onObjectCreated(this::objectCreated);
    }

    public double payShare() {
        return payShare;
    }

    public Duration payDelay() {
        return payDelay;
    }

    /**
     * True when every remessa stored so far has been answered and its payments delivered (each retorno put in the
     * bucket: what its notification then does is the functions' business).
     */
    public boolean idle() {
        return pending.get() == 0;
    }

    /** Remessas answered so far, and remessas refused whole (no retorno: see the log). */
    public int answered() {
        return answered.get();
    }

    public int refused() {
        return refused.get();
    }

    /**
     * Remessas received again after being answered (a run rewrote them after a crash), not processed twice. Each
     * counts once however often its event comes: S3 delivers an event at least once, not exactly once (a PUT the HTTP
     * client sends again stores the object twice).
     */
    public int repeated() {
        return repeated.size();
    }

    private long lastNsa() {
        try {
            return Files.exists(state) ? Long.parseLong(Files.readString(state, StandardCharsets.US_ASCII).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read {}; retornos start again at NSA 1", state);
            return 0;
        }
    }

    private void objectCreated(S3Emulator.ObjectCreated created) {
        if (created.bucket().equals(bucket) && created.key().startsWith(REMITTANCES) && created.key().endsWith(".rem")) {
            // counted here, in the PUT of the remessa: whoever sees the titles SENT then sees the bank busy
            pending.incrementAndGet();
            worker.execute(() -> answer(created.key()));
        }
    }

    private void answer(String key) {
        boolean settling = false;
        try {
            String etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
            if (answeredBefore(key, etag)) {
                // the same bytes under the same key: a run that died after storing the file wrote it again
                repeated.add(key + " " + etag);
                LOG.warn("local bank: {} was received and answered before (same content); a file sent twice is not "
                        + "processed again", key);
                return;
            }
            GeneratedReturn entries = bank.answer(remessa(key), name(key), LocalDate.now(BANK_ZONE), this::upload);
            saveNsa();
            recordAnswered(key, etag);
            answered.incrementAndGet();
            LOG.info("local bank answered {} with {} ({} titles)", key, entries.name(), entries.occurrences());
            if (payShare > 0) {
                worker.schedule(() -> settle(key), payDelay.toMillis(), TimeUnit.MILLISECONDS);
                settling = true;
            }
        } catch (CnabFormatException e) {
            // the bank refuses the whole file: no retorno, its titles stay SENT (what a person would chase at the bank)
            refused.incrementAndGet();
            LOG.error("local bank refused remessa {}: {}", key, e.getMessage());
        } catch (IOException | RuntimeException e) {
            refused.incrementAndGet();
            LOG.error("local bank could not answer {}: {}", key, e.toString());
        } finally {
            if (!settling) {
                pending.decrementAndGet();
            }
        }
    }

    private void settle(String key) {
        try {
            bank.settle(remessa(key), name(key), payShare, LocalDate.now(BANK_ZONE), this::upload).ifPresent(paid -> {
                saveNsa();
                LOG.info("local bank paid {} titles of {} in {}", paid.occurrences(), key, paid.name());
            });
        } catch (IOException | RuntimeException e) {
            LOG.error("local bank could not pay the titles of {}: {}", key, e.toString());
        } finally {
            pending.decrementAndGet();
        }
    }

    /** Whether this key was answered with these very bytes (its ETag, the content's MD5 for a single PUT). */
    private boolean answeredBefore(String key, String etag) throws IOException {
        return Files.exists(answeredLog) && Files.readAllLines(answeredLog, StandardCharsets.UTF_8).contains(key + " " + etag);
    }

    private void recordAnswered(String key, String etag) {
        try {
            Files.writeString(answeredLog, key + " " + etag + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + answeredLog, e);
        }
    }

    private LocalBank.Source remessa(String key) {
        return () -> s3.getObject(b -> b.bucket(bucket).key(key));
    }

    private static String name(String key) {
        return key.substring(REMITTANCES.length()).replace('/', '-');
    }

    private void saveNsa() {
        try {
            Files.writeString(state, Long.toString(bank.lastNsa()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + state, e);
        }
    }

    /** A retorno goes to a temporary file first, then into the bucket in one PUT when the bank closes it. */
    private OutputStream upload(String name) throws IOException {
        Path tmp = Files.createTempFile("local-bank-", ".ret");
        return new FilterOutputStream(Files.newOutputStream(tmp)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                super.close();
                try {
                    s3.putObject(b -> b.bucket(bucket).key(RETURNS + name).contentType("text/plain; charset=ISO-8859-1"),
                            RequestBody.fromFile(tmp));
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
