package dev.cobranca.csvimport.sort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An external sort of one upload's valid rows by debtId, in a directory of its own: rows are gathered in memory up to
 * a budget, sorted and written out as a run file; {@link #open} merges the runs back in debtId order over any key
 * range. Memory stays at about the budget per {@link Builder} whatever the file's size; the disk holds about the
 * file's size. A merge holds one buffer and one row per run: {@link #compact} merges runs beforehand so that a merge
 * never reads more than a bounded number of them, and the buffers shrink as runs grow in number.
 *
 * <p>The parts: {@link RowArena} holds a thread's rows up to the budget and sorts them, {@link RunWriter} and
 * {@link RunReader} write and read a run file, {@link Run} finds a key in it, {@link RunMerge} merges runs.
 */
public final class SortedRuns {

    /** What the read buffers of one merge may take together, at most {@link RunWriter#IO_BUFFER} each. */
    private static final int MERGE_BUFFERS = 4 << 20;
    private static final int MIN_READ_BUFFER = 8 << 10;

    private final Path dir;
    private final long budgetBytes;
    private final int sampleEvery;
    private final AtomicInteger names = new AtomicInteger();
    private final List<Run> runs = new ArrayList<>();
    private List<byte[]> sample;

    /**
     * @param budgetBytes bytes of keys and payloads a builder holds before it writes a run
     * @param sampleEvery one key in so many is kept in memory, with its place in the run
     */
    public SortedRuns(Path dir, long budgetBytes, int sampleEvery) {
        this.dir = dir;
        this.budgetBytes = budgetBytes;
        this.sampleEvery = Math.max(1, sampleEvery);
    }

    /** A builder for one thread; {@link Builder#finish()} writes what it still holds. */
    public Builder builder() {
        return new Builder();
    }

    public synchronized int runCount() {
        return runs.size();
    }

    public synchronized long rows() {
        return runs.stream().mapToLong(Run::rows).sum();
    }

    /**
     * Every {@code sampleEvery}th key of every run, sorted: a systematic sample of all rows' keys. Sorted once after
     * the last run is written (planning the key ranges and probing for charged debtIds both read it).
     */
    public synchronized List<byte[]> sampleKeys() {
        if (sample == null) {
            List<byte[]> keys = new ArrayList<>();
            for (Run run : runs) {
                for (Run.Sparse s : run.sparse()) {
                    keys.add(s.key());
                }
            }
            keys.sort(Keys::compare);
            sample = Collections.unmodifiableList(keys);
        }
        return sample;
    }

    /** Merges the runs over {@code (lowerExclusive, upperInclusive]} (null: open), each debtId once. */
    public RowCursor open(byte[] lowerExclusive, byte[] upperInclusive) {
        List<Run> all;
        synchronized (this) {
            all = List.copyOf(runs);
        }
        RunMerge merge = new RunMerge(upperInclusive);
        int buffer = readBuffer(all.size());
        try {
            for (Run run : all) {
                merge.add(run.openAt(lowerExclusive, buffer));
            }
        } catch (RuntimeException e) {
            merge.close();
            throw e;
        }
        return merge;
    }

    private static int readBuffer(int runs) {
        return Math.clamp(MERGE_BUFFERS / Math.max(1, runs), MIN_READ_BUFFER, RunWriter.IO_BUFFER);
    }

    /**
     * Merges runs, {@code maxRuns} at a time, until at most {@code maxRuns} are left: a merge over any key range then
     * holds at most {@code maxRuns} buffers and rows, however large the file (each pass rewrites the merged runs once,
     * so a file of under {@code maxRuns} runs, the common case, costs nothing). Not while builders still add.
     */
    public void compact(int maxRuns) {
        if (maxRuns < 2) {
            throw new IllegalArgumentException("maxRuns must be at least 2, got " + maxRuns);
        }
        while (true) {
            List<Run> group;
            synchronized (this) {
                if (runs.size() <= maxRuns) {
                    return;
                }
                group = List.copyOf(runs.subList(0, maxRuns));
            }
            RunMerge merge = new RunMerge(null);
            int buffer = readBuffer(group.size());
            Run merged;
            try {
                for (Run run : group) {
                    merge.add(run.openAt(null, buffer));
                }
                merged = write(merge);
            } finally {
                merge.close();
            }
            synchronized (this) {
                runs.removeAll(group);
                runs.add(merged);
                sample = null;
            }
            for (Run run : group) {
                try {
                    Files.deleteIfExists(run.file());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete the merged run " + run.file(), e);
                }
            }
        }
    }

    /** One run of a merge's rows, in its order (each debtId once: its first line, the one kept anyway). */
    private Run write(RunMerge merge) {
        try (RunWriter out = new RunWriter(newRunFile(), sampleEvery)) {
            while (merge.next()) {
                out.write(merge.key(), merge.line(), merge.payload());
            }
            return out.finish();
        }
    }

    private Path newRunFile() {
        return dir.resolve("run-" + names.incrementAndGet() + ".bin");
    }

    private synchronized void added(Run run) {
        runs.add(run);
        sample = null;
    }

    /** Gathers the rows of one thread up to the byte budget, and writes a sorted run whenever it is full. */
    public final class Builder {

        private final RowArena arena = new RowArena(budgetBytes);

        private Builder() {
        }

        public void add(byte[] key, long line, byte[] payload) {
            if (!arena.add(key, line, payload)) {
                spill();
                if (!arena.add(key, line, payload)) {
                    throw new IllegalArgumentException("a row of " + RunWriter.recordSize(key.length, payload.length)
                            + " bytes is larger than the sort budget");
                }
            }
        }

        public void finish() {
            if (arena.rows() > 0) {
                spill();
            }
        }

        private void spill() {
            try (RunWriter out = new RunWriter(newRunFile(), sampleEvery)) {
                arena.writeSorted(out);
                added(out.finish());
            }
        }
    }
}
