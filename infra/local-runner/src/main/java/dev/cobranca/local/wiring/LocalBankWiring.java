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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bank at the other end of the company's channel: every remessa stored under {@code remittances/} is answered by
 * the {@link LocalBank} with retornos stored under {@code returns/} through S3 (so the bucket's notification invokes
 * BankReturnFunction, as a bank delivering files over SFTP into the bucket would). One remessa at a time, in the
 * order they arrive; the retorno NSA survives restarts in the data directory.
 */
public final class LocalBankWiring implements AutoCloseable {

    public static final String REMITTANCES = "remittances/";
    public static final String RETURNS = "returns/";
    private static final Logger LOG = LoggerFactory.getLogger(LocalBankWiring.class);
    private static final ZoneId BANK_ZONE = ZoneId.of("America/Sao_Paulo");

    private final S3Client s3;
    private final String bucket;
    private final Path state;
    private final double payShare;
    private final LocalBank bank;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("local-bank").daemon().factory());
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * @param stateDir where the last retorno NSA is kept
     * @param payShare share (0..1) of the confirmed titles the bank settles at once
     */
    public LocalBankWiring(S3Emulator emulator, S3Client s3, String bucket, Path stateDir, double payShare) {
        this.s3 = s3;
        this.bucket = bucket;
        this.payShare = payShare;
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateDir, e);
        }
        this.state = stateDir.resolve("last-retorno-nsa");
        this.bank = new LocalBank(lastNsa());
        emulator.onObjectCreated(this::objectCreated);
    }

    public double payShare() {
        return payShare;
    }

    /** Remessas answered so far, and remessas refused whole (no retorno: see the log). */
    public int answered() {
        return answered.get();
    }

    public int refused() {
        return refused.get();
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
            worker.submit(() -> answer(created.key()));
        }
    }

    private void answer(String key) {
        String name = key.substring(REMITTANCES.length()).replace('/', '-');
        try {
            List<GeneratedReturn> returns = bank.answer(() -> s3.getObject(b -> b.bucket(bucket).key(key)), name, payShare,
                    LocalDate.now(BANK_ZONE), this::upload);
            Files.writeString(state, Long.toString(bank.lastNsa()), StandardCharsets.US_ASCII);
            answered.incrementAndGet();
            LOG.info("local bank answered {} with {}", key, returns.stream().map(GeneratedReturn::name).toList());
        } catch (CnabFormatException e) {
            // the bank refuses the whole file: no retorno, its titles stay SENT (what a person would chase at the bank)
            refused.incrementAndGet();
            LOG.error("local bank refused remessa {}: {}", key, e.getMessage());
        } catch (IOException | RuntimeException e) {
            refused.incrementAndGet();
            LOG.error("local bank could not answer {}: {}", key, e.toString());
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
