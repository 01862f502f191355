package dev.cobranca.remittance;

import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceHeader;
import dev.cobranca.core.bank.RemittanceSummary;
import dev.cobranca.core.bank.RemittanceWriter;
import dev.cobranca.core.bank.TitleTerms;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.remittance.RemittanceStore.Refused;
import dev.cobranca.remittance.RemittanceStore.Remittance;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: writes again every remessa a crash left BUILDING, then builds new ones (one file per convênio and claim)
 * until nothing invoiced waits to be sent or the run's file limit is reached; each claim runs while the file before
 * it is written. Each file is written to a temporary file first (a remessa of 100,000 titles is about 70 MB: never
 * in memory) and then stored in the bucket.
 */
public final class RemittanceService {

    public static final String CONTENT_TYPE = "text/plain; charset=ISO-8859-1";
    public static final ZoneId BANK_ZONE = ZoneId.of("America/Sao_Paulo");
    private static final Logger LOG = LoggerFactory.getLogger(RemittanceService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /** What the remessas say about the sender, from configuration. */
    public record Sender(Beneficiary beneficiary, String agencyDigit, String accountDigit, String walletVariation,
                         TitleTerms terms) {
    }

    /** What one run did. */
    public record RunResult(int rewritten, int written, long titles, BigDecimal total, List<String> keys) {
    }

    private final RemittanceStore store;
    private final RemittanceWriter writer;
    private final ObjectStore objects;
    private final Sender sender;
    private final int maxTitles;
    private final int maxFiles;
    private final Clock clock;

    public RemittanceService(RemittanceStore store, RemittanceWriter writer, ObjectStore objects, Sender sender,
                             int maxTitles, int maxFiles, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.objects = objects;
        this.sender = sender;
        this.maxTitles = maxTitles;
        this.maxFiles = maxFiles;
        this.clock = clock;
    }

    /** {@code remittances/{yyyy-MM-dd}/{nsa}.rem}, the date of generation in Brasília time. */
    public static String key(long nsa, LocalDateTime generatedAt) {
        return "remittances/" + DAY.format(generatedAt) + "/" + "%06d".formatted(nsa) + ".rem";
    }

    public RunResult run() {
        String convenio = sender.beneficiary().convenio();
        try (AutoCloseable ignored = store.lock(convenio)) {
            List<String> keys = new ArrayList<>();
            List<RemittanceSummary> stored = new ArrayList<>();
            for (Remittance r : store.building(convenio)) {
                LOG.warn("remessa NSA {} ({}) was left BUILDING by an earlier run: writing it again", r.nsa(), r.objectKey());
                stored.add(write(r));
                keys.add(r.objectKey());
            }
            int rewritten = stored.size();
            int written = 0;
            // the next claim (the database's work) runs while the last file is written and stored (this JVM's and
            // the bucket's): one file in flight at a time, each stored before the next is started
            ExecutorService fileWriter = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("remessa-writer").daemon().factory());
            try {
                Future<RemittanceSummary> inFlight = null;
                while (written < maxFiles) {
                    LocalDateTime now = LocalDateTime.now(clock.withZone(BANK_ZONE)).truncatedTo(ChronoUnit.SECONDS);
                    long started = System.nanoTime();
                    var claimed = store.claim(convenio, maxTitles, now, RemittanceService::key);
                    if (claimed.isEmpty()) {
                        break;
                    }
                    Remittance next = claimed.get();
                    LOG.info("remessa NSA {}: {} titles marked SENT in {} ms", next.nsa(), next.titleCount(),
                            (System.nanoTime() - started) / 1_000_000);
                    if (inFlight != null) {
                        stored.add(Futures.join(inFlight, "writing a remessa"));
                    }
                    inFlight = fileWriter.submit(() -> write(next));
                    written++;
                    keys.add(next.objectKey());
                }
                if (inFlight != null) {
                    stored.add(Futures.join(inFlight, "writing a remessa"));
                }
            } finally {
                fileWriter.shutdownNow();
            }
            long titles = stored.stream().mapToLong(RemittanceSummary::titles).sum();
            BigDecimal total = stored.stream().map(RemittanceSummary::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
            LOG.info("remittance run: {} remessas written ({} re-written after a crash), {} titles, R$ {}", written + rewritten,
                    rewritten, titles, total);
            return new RunResult(rewritten, written, titles, total, keys);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("remittance run failed: " + e.getMessage(), e);
        }
    }

    /** Writes the remessa's file from its recorded titles and header, stores it, then marks it WRITTEN. */
    private RemittanceSummary write(Remittance r) {
        Path tmp;
        try {
            tmp = Files.createTempFile("remessa-" + r.nsa() + "-", ".rem");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for remessa " + r.nsa(), e);
        }
        try {
            List<Refused> refused = new ArrayList<>();
            RemittanceSummary summary;
            // BB's layout is ASCII; ISO-8859-1 writes the writer's (already upper-case ASCII) text byte for byte
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.ISO_8859_1), 1 << 16)) {
                RemittanceFile file = writer.open(out, new RemittanceHeader(sender.beneficiary(), sender.agencyDigit(),
                        sender.accountDigit(), sender.walletVariation(), r.nsa(), r.generatedAt(), sender.terms()));
                store.titles(r.id(), title -> {
                    try {
                        file.add(title);
                    } catch (IllegalArgumentException e) {
                        refused.add(new Refused(title.nossoNumero(), e.getMessage()));
                    }
                });
                summary = file.finish();
            }
            objects.put(r.objectKey(), tmp, CONTENT_TYPE);
            if (!refused.isEmpty()) {
                LOG.warn("remessa NSA {}: {} titles could not be written and are REJECTED (first: {})", r.nsa(),
                        refused.size(), refused.getFirst().reason());
            }
            store.markWritten(r.id(), summary.titles(), summary.totalAmount(), refused);
            LOG.info("remessa NSA {} written to {}: {} titles, R$ {}", r.nsa(), r.objectKey(), summary.titles(), summary.totalAmount());
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("writing remessa " + r.nsa() + " failed", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                LOG.debug("cannot delete {}", tmp, e);
            }
        }
    }
}
