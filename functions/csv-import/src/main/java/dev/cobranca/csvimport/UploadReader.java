package dev.cobranca.csvimport;

import dev.cobranca.core.concurrent.Futures;
import dev.cobranca.core.importing.CsvHeader;
import dev.cobranca.core.importing.CsvRecord;
import dev.cobranca.core.importing.CsvRecordReader;
import dev.cobranca.core.importing.DebtRowParser;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.SortedRuns;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a whole upload once: this thread splits the stream into records (cheap, and the only part that must be in
 * file order), worker threads parse and validate them and feed the external sort. Validation is most of the reading
 * cost, so it uses every core while the database has nothing to do yet.
 */
final class UploadReader {

    private static final int RECORDS_PER_BATCH = 1_024;
    /**
     * A batch is also cut at about this many characters, so the queue between the splitting thread and the workers holds
     * a bounded number of bytes (about {@code 5 * workers + 1} batches), not of rows: rows may be 64 KiB each.
     */
    private static final long CHARS_PER_BATCH = 1 << 20;
    private static final List<CsvRecord> END = List.of();

    /** @param valid rows that passed every rule (before duplicates are told apart) */
    record Result(long total, long rejected, long valid) {
    }

    private final DebtValidator validator;
    private final RowFormat format;
    private final int workers;
    private final int maxRowBytes;

    /**
     * @param format      a valid row as the store will load it
     * @param maxRowBytes a longer row is rejected, never held whole
     */
    UploadReader(DebtValidator validator, RowFormat format, int workers, int maxRowBytes) {
        this.validator = validator;
        this.format = format;
        this.workers = Math.max(1, workers);
        this.maxRowBytes = maxRowBytes;
    }

    /**
     * @param in        the whole object, from its first byte; closed here
     * @param keep      which valid rows go to {@code runs} (by debtId key): all, or those of key ranges still to load
     * @param rejected  where rejected rows go; null to count them only
     * @param heartbeat called now and then from the reading thread (lease renewal); may throw to stop the read
     * @throws dev.cobranca.core.importing.CsvFormatException the file is not a debts CSV (no header, runaway quote)
     */
    Result read(InputStream in, Predicate<byte[]> keep, SortedRuns runs, RejectedSpool rejected, Runnable heartbeat) {
        try (CsvRecordReader records = new CsvRecordReader(in, maxRowBytes)) {
            CsvHeader header = CsvHeader.read(records);
            BlockingQueue<List<CsvRecord>> queue = new ArrayBlockingQueue<>(workers * 4);
            try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("read-", 0).factory())) {
                List<Future<Result>> parts = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    parts.add(pool.submit(() -> work(queue, header, keep, runs, rejected)));
                }
                try {
                    split(records, queue, parts, heartbeat);
                } catch (RuntimeException | Error e) {
                    parts.forEach(p -> p.cancel(true));
                    throw e;
                }
                long total = 0;
                long bad = 0;
                long valid = 0;
                for (Future<Result> part : parts) {
                    Result r = result(part);
                    total += r.total;
                    bad += r.rejected;
                    valid += r.valid;
                }
                return new Result(total, bad, valid);
            }
        }
    }

    private void split(CsvRecordReader records, BlockingQueue<List<CsvRecord>> queue, List<Future<Result>> parts,
            Runnable heartbeat) {
        List<CsvRecord> batch = new ArrayList<>(RECORDS_PER_BATCH);
        long batchChars = 0;
        long batches = 0;
        for (CsvRecord record; (record = records.next()) != null; ) {
            batch.add(record);
            batchChars += record.text().length();
            if (batch.size() == RECORDS_PER_BATCH || batchChars >= CHARS_PER_BATCH) {
                hand(queue, batch, parts);
                batch = new ArrayList<>(RECORDS_PER_BATCH);
                batchChars = 0;
                if (++batches % 64 == 0) {
                    heartbeat.run();
                }
            }
        }
        if (!batch.isEmpty()) {
            hand(queue, batch, parts);
        }
        for (int i = 0; i < workers; i++) {
            hand(queue, END, parts);
        }
    }

    /** Waits for room in the queue, but not on workers that have stopped: their failure is thrown instead. */
    private static void hand(BlockingQueue<List<CsvRecord>> queue, List<CsvRecord> batch, List<Future<Result>> parts) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                for (Future<Result> part : parts) {
                    if (part.isDone()) {
                        result(part); // throws the worker's failure
                        throw new IllegalStateException("a reading thread stopped early");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the upload", e);
        }
    }

    private Result work(BlockingQueue<List<CsvRecord>> queue, CsvHeader header, Predicate<byte[]> keep, SortedRuns runs,
            RejectedSpool rejected) throws InterruptedException {
        DebtRowParser parser = new DebtRowParser(header, validator);
        SortedRuns.Builder sorted = runs.builder();
        long total = 0;
        long bad = 0;
        long valid = 0;
        try (RejectedSpool.Writer rejects = rejected == null ? null : rejected.writer()) {
            for (List<CsvRecord> batch; (batch = queue.take()) != END; ) {
                for (CsvRecord record : batch) {
                    RowOutcome row = parser.parse(record);
                    if (row == null) {
                        continue;
                    }
                    total++;
                    switch (row) {
                        case RowOutcome.Accepted a -> {
                            valid++;
                            byte[] key = Keys.of(a.debt().debtId());
                            if (keep.test(key)) {
                                sorted.add(key, a.line(), format.encode(a.debt()));
                            }
                        }
                        case RowOutcome.Rejected r -> {
                            bad++;
                            if (rejects != null) {
                                rejects.write(r.line(), r.reason(), r.text());
                            }
                        }
                    }
                }
            }
            sorted.finish();
        }
        return new Result(total, bad, valid);
    }

    private static Result result(Future<Result> part) {
        return Futures.join(part, "reading the upload");
    }
}
