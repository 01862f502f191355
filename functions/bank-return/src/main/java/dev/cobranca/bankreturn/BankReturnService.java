package dev.cobranca.bankreturn;

import dev.cobranca.bankreturn.BankReturnStore.Applied;
import dev.cobranca.bankreturn.BankReturnStore.FileClaim;
import dev.cobranca.bankreturn.BankReturnStore.FileOutcome;
import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnListener;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.ReturnReader;
import dev.cobranca.core.charge.EmailAfter;
import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.core.port.MessagePublisher;
import dev.cobranca.core.port.ObjectStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one retorno from the bucket and applies it. The object is copied to a temporary file while its SHA-256 is
 * computed (a file already read is skipped before anything is applied), then streamed through the bank's reader in
 * batches of occurrences, each batch one transaction. A line that cannot be read is reported and skipped; a file that
 * cannot be read at all (no header, no trailer) is FAILED with its report, and what was read before the fault stays
 * applied: each occurrence stands on its own.
 */
public final class BankReturnService {

    public static final String PREFIX = "returns/";
    public static final String REPORT_PREFIX = "reports/returns/";
    private static final Logger LOG = LoggerFactory.getLogger(BankReturnService.class);
    private static final int BATCH = 10_000;
    private static final int EMAIL_MESSAGE_DEBT_IDS = 100;

    /** What one file did; {@code skipped} when its bytes were read before. */
    public record Result(String key, String status, boolean skipped, long occurrences, int matched, int unmatched,
                         int duplicates, int errors, String reportKey) {
    }

    private final BankReturnStore store;
    private final ReturnReader reader;
    private final ObjectStore objects;
    private final EmailAfter emailAfter;
    private final MessagePublisher emailQueue;

    public BankReturnService(BankReturnStore store, ReturnReader reader, ObjectStore objects, EmailAfter emailAfter,
                             MessagePublisher emailQueue) {
        this.store = store;
        this.reader = reader;
        this.objects = objects;
        this.emailAfter = emailAfter;
        this.emailQueue = emailQueue;
    }

    /** A retorno's key: under {@code returns/}, ending in .ret or .txt in any case (banks and VANs name them so). */
    public static boolean isReturnFile(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return key.startsWith(PREFIX) && key.length() > PREFIX.length() && (lower.endsWith(".ret") || lower.endsWith(".txt"));
    }

    public Result handle(String key) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("retorno-", ".ret");
            String sha256 = copy(key, tmp);
            FileClaim claim = store.begin(key, sha256);
            if (claim.alreadyRead()) {
                LOG.info("{}: the same bytes were read before (status {}); nothing to do", key, claim.status());
                return new Result(key, claim.status(), true, 0, 0, 0, 0, 0, null);
            }
            return apply(key, claim.id(), tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " failed", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", tmp, e);
                }
            }
        }
    }

    private String copy(String key, Path tmp) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(objects.open(key), sha); OutputStream out = Files.newOutputStream(tmp)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private Result apply(String key, long fileId, Path file) throws IOException {
        String fatal = null;
        Collector collector = new Collector(fileId);
        try (collector; InputStream in = Files.newInputStream(file)) {
            try {
                reader.read(in, collector);
            } catch (CnabFormatException e) {
                fatal = e.getMessage();
                collector.errors.add(new CnabLineError(e.line(), e.reason()));
            }
            collector.flush();
            collector.awaitApplied();
        }
        if (emailAfter == EmailAfter.BANK_CONFIRMED) {
            EmailBatches emails = new EmailBatches(emailQueue, EMAIL_MESSAGE_DEBT_IDS);
            store.confirmedAwaitingEmail(fileId, emails::add);
            emails.flush();
        }
        String name = key.substring(PREFIX.length());
        String reportKey = null;
        if (!collector.errors.isEmpty()) {
            reportKey = REPORT_PREFIX + name + ".errors.csv";
            writeReport(reportKey, "line,reason", out -> collector.errors.forEach(e -> out.accept(e.line() + "," + csv(e.reason()))));
        }
        // streamed from the events into the report: a retorno of titles we never sent may be large
        long unmatched = writeReport(REPORT_PREFIX + name + ".unmatched.csv", "line,nossoNumero,occurrence,occurrenceName",
                out -> store.unmatched(fileId, u -> out.accept(u.line() + "," + u.nossoNumero() + "," + u.code() + ","
                        + csv(u.name()))));
        if (unmatched > 0) {
            LOG.warn("{}: {} occurrences name no charge we know (kept in bank_events, listed in {}{}.unmatched.csv)", key,
                    unmatched, REPORT_PREFIX, name);
        }
        String status = fatal != null ? "FAILED" : collector.errors.isEmpty() ? "APPLIED" : "PARTIAL";
        Applied applied = collector.applied;
        store.finish(fileId, new FileOutcome(status, collector.read, applied, collector.errors.size(), fatal, reportKey,
                collector.note));
        LOG.info("{}: {} — {} occurrences ({} applied to charges, {} unknown titles, {} seen before), {} bad lines", key,
                status, collector.read, applied.matched(), applied.unmatched(), applied.duplicates(), collector.errors.size());
        return new Result(key, status, false, collector.read, applied.matched(), applied.unmatched(), applied.duplicates(),
                collector.errors.size(), reportKey);
    }

    /** The lines of a report, handed one by one to the consumer given. */
    @FunctionalInterface
    private interface ReportLines {
        void write(Consumer<String> out);
    }

    /**
     * Writes a CSV report to a temporary file as its lines come, and stores it when it got any.
     *
     * @return the number of lines (the header aside)
     */
    private long writeReport(String key, String header, ReportLines lines) throws IOException {
        Path tmp = Files.createTempFile("retorno-report-", ".csv");
        try {
            long[] n = {0};
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                w.write(header);
                w.write('\n');
                lines.write(line -> {
                    try {
                        w.write(line);
                        w.write('\n');
                        n[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (n[0] > 0) {
                objects.put(key, tmp, "text/csv; charset=utf-8");
            }
            return n[0];
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /**
     * Gathers the reader's callbacks into batches; bad lines are kept for the report. A full batch is applied on a
     * thread of its own while the reader goes on with the next one (one batch in the database at a time, applied in
     * file order): reading the file and the database's work overlap.
     */
    private final class Collector implements ReturnListener, AutoCloseable {
        private final long fileId;
        private final ExecutorService applier = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("retorno-applier").daemon().factory());
        private Future<Applied> inFlight;
        private final List<ReturnOccurrence> batch = new ArrayList<>(BATCH);
        private final List<CnabLineError> errors = new ArrayList<>();
        private Applied applied = new Applied(0, 0, 0);
        private long read;
        private String note;

        Collector(long fileId) {
            this.fileId = fileId;
        }

        @Override
        public void onHeader(ReturnHeader header) {
            String other = store.header(fileId, header);
            if (other != null) {
                note = "NSA " + header.nsa() + " of convênio " + header.convenio() + " was also in " + other
                        + " (a re-sent retorno: occurrences already applied are skipped)";
                LOG.warn("{}", note);
            }
        }

        @Override
        public void onOccurrence(ReturnOccurrence occurrence) {
            read++;
            batch.add(occurrence);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void onError(CnabLineError error) {
            // the report of a file whose every line is bad stays bounded
            if (errors.size() < 100_000) {
                errors.add(error);
            }
        }

        /** Hands the batch read so far to the applier, once the one before it is applied. */
        void flush() {
            if (!batch.isEmpty()) {
                List<ReturnOccurrence> next = List.copyOf(batch);
                batch.clear();
                awaitApplied();
                boolean failRejected = emailAfter == EmailAfter.BANK_CONFIRMED;
                inFlight = applier.submit(() -> store.apply(fileId, next, failRejected));
            }
        }

        /** Waits for the batch in the database; its failure fails the file (applied again on the next delivery). */
        void awaitApplied() {
            if (inFlight != null) {
                Future<Applied> pending = inFlight;
                inFlight = null;
                applied = applied.plus(Futures.join(pending, "applying a batch of occurrences"));
            }
        }

        @Override
        public void close() {
            applier.shutdownNow();
        }
    }
}
