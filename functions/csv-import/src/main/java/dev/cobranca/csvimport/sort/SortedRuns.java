package dev.cobranca.csvimport.sort;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An external sort of one upload's valid rows by debtId, in a directory of its own: rows are gathered in memory up to
 * a budget, sorted and written out as a run file; {@link #open} merges the runs back in debtId order over any key
 * range. Memory stays at about the budget per {@link Builder} whatever the file's size; the disk holds about the
 * file's size. A merge holds one buffer and one row per run: {@link #compact} merges runs beforehand so that a merge
 * never reads more than a bounded number of them, and the buffers shrink as runs grow in number.
 *
 * <p>Run file record: key length (u16), key, line (i64), payload length (i32), payload. Each run keeps every
 * {@code sampleEvery}th key with its offset, to start a range without reading what comes before it and to sample the
 * keys.
 */
public final class SortedRuns {

    private static final int IO_BUFFER = 1 << 16;
    /** What the read buffers of one merge may take together, at most {@link #IO_BUFFER} each. */
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
                for (Sparse s : run.sparse) {
                    keys.add(s.key);
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
        Merge merge = new Merge(upperInclusive);
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
        return Math.clamp(MERGE_BUFFERS / Math.max(1, runs), MIN_READ_BUFFER, IO_BUFFER);
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
            Merge merge = new Merge(null);
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
                    Files.deleteIfExists(run.file);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete the merged run " + run.file, e);
                }
            }
        }
    }

    /** One run of a merge's rows, in its order (each debtId once: its first line, the one kept anyway). */
    private Run write(Merge merge) {
        Path file = dir.resolve("run-" + names.incrementAndGet() + ".bin");
        List<Sparse> sparse = new ArrayList<>();
        long rows = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), IO_BUFFER))) {
            long offset = 0;
            while (merge.next()) {
                if (rows++ % sampleEvery == 0) {
                    sparse.add(new Sparse(merge.key(), offset));
                }
                out.writeShort(merge.key().length);
                out.write(merge.key());
                out.writeLong(merge.line());
                out.writeInt(merge.payload().length);
                out.write(merge.payload());
                offset += 2 + merge.key().length + 8 + 4 + merge.payload().length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a sorted run to " + file, e);
        }
        return new Run(file, rows, List.copyOf(sparse));
    }

    private synchronized void added(Run run) {
        runs.add(run);
        sample = null;
    }

    private record Sparse(byte[] key, long offset) {
    }

    private record Run(Path file, long rows, List<Sparse> sparse) {

        /** A reader at the first row whose key is above {@code lowerExclusive}. */
        RunReader openAt(byte[] lowerExclusive, int buffer) {
            long offset = 0;
            if (lowerExclusive != null) {
                // rows before the last sampled key <= lower all have keys <= lower: skip straight to it
                int lo = 0;
                int hi = sparse.size() - 1;
                while (lo <= hi) {
                    int mid = (lo + hi) >>> 1;
                    if (Keys.compare(sparse.get(mid).key, lowerExclusive) <= 0) {
                        offset = sparse.get(mid).offset;
                        lo = mid + 1;
                    } else {
                        hi = mid - 1;
                    }
                }
            }
            RunReader reader = new RunReader(file, offset, buffer);
            try {
                while (reader.advance() && lowerExclusive != null && Keys.compare(reader.key, lowerExclusive) <= 0) {
                    // below the range
                }
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
            return reader;
        }
    }

    /**
     * Gathers rows of one thread in one byte arena (records laid out as in a run file) with a primitive index, and
     * writes a sorted run whenever the arena is full. No object per row: the garbage collector never copies the rows
     * it holds, and the sort compares 8-byte key prefixes from a {@code long[]} before it touches the arena.
     */
    public final class Builder {

        private final byte[] arena;
        private int used;
        private int rows;
        private int[] offsets = new int[1 << 14];
        private long[] prefixes = new long[1 << 14];

        private Builder() {
            this.arena = new byte[(int) Math.min(budgetBytes, Integer.MAX_VALUE - 16)];
        }

        public void add(byte[] key, long line, byte[] payload) {
            int size = 2 + key.length + 8 + 4 + payload.length;
            if (used + size > arena.length) {
                spill();
                if (size > arena.length) {
                    throw new IllegalArgumentException("a row of " + size + " bytes is larger than the sort budget");
                }
            }
            if (rows == offsets.length) {
                offsets = Arrays.copyOf(offsets, rows * 2);
                prefixes = Arrays.copyOf(prefixes, rows * 2);
            }
            offsets[rows] = used;
            prefixes[rows] = prefix(key);
            rows++;
            putShort(key.length);
            System.arraycopy(key, 0, arena, used, key.length);
            used += key.length;
            putLong(line);
            putInt(payload.length);
            System.arraycopy(payload, 0, arena, used, payload.length);
            used += payload.length;
        }

        public void finish() {
            if (rows > 0) {
                spill();
            }
        }

        private void spill() {
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            sort(order, new int[rows], 0, rows);
            Path file = dir.resolve("run-" + names.incrementAndGet() + ".bin");
            List<Sparse> sparse = new ArrayList<>();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), IO_BUFFER)) {
                long offset = 0;
                for (int i = 0; i < rows; i++) {
                    int at = offsets[order[i]];
                    int keyLength = ((arena[at] & 0xFF) << 8) | (arena[at + 1] & 0xFF);
                    int payloadAt = at + 2 + keyLength + 8;
                    int size = 2 + keyLength + 8 + 4 + readInt(payloadAt);
                    if (i % sampleEvery == 0) {
                        sparse.add(new Sparse(Arrays.copyOfRange(arena, at + 2, at + 2 + keyLength), offset));
                    }
                    out.write(arena, at, size);
                    offset += size;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write a sorted run to " + file, e);
            }
            added(new Run(file, rows, List.copyOf(sparse)));
            rows = 0;
            used = 0;
        }

        /** A stable merge sort of row numbers by (key, line): the first line of a repeated debtId comes first. */
        private void sort(int[] a, int[] tmp, int from, int to) {
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int v = a[i];
                    int j = i - 1;
                    while (j >= from && compare(a[j], v) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            sort(a, tmp, from, mid);
            sort(a, tmp, mid, to);
            if (compare(a[mid - 1], a[mid]) <= 0) {
                return;
            }
            System.arraycopy(a, from, tmp, from, to - from);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                a[k] = j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0) ? tmp[i++] : tmp[j++];
            }
        }

        private int compare(int x, int y) {
            int c = Long.compareUnsigned(prefixes[x], prefixes[y]);
            if (c != 0) {
                return c;
            }
            int ax = offsets[x];
            int ay = offsets[y];
            int lx = ((arena[ax] & 0xFF) << 8) | (arena[ax + 1] & 0xFF);
            int ly = ((arena[ay] & 0xFF) << 8) | (arena[ay + 1] & 0xFF);
            c = Arrays.compareUnsigned(arena, ax + 2, ax + 2 + lx, arena, ay + 2, ay + 2 + ly);
            return c != 0 ? c : Long.compare(readLong(ax + 2 + lx), readLong(ay + 2 + ly));
        }

        private void putShort(int v) {
            arena[used++] = (byte) (v >>> 8);
            arena[used++] = (byte) v;
        }

        private void putInt(int v) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                arena[used++] = (byte) (v >>> shift);
            }
        }

        private void putLong(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                arena[used++] = (byte) (v >>> shift);
            }
        }

        private int readInt(int at) {
            return ((arena[at] & 0xFF) << 24) | ((arena[at + 1] & 0xFF) << 16) | ((arena[at + 2] & 0xFF) << 8) | (arena[at + 3] & 0xFF);
        }

        private long readLong(int at) {
            return ((long) readInt(at) << 32) | (readInt(at + 4) & 0xFFFFFFFFL);
        }
    }

    /** The key's first 8 bytes, big-endian, zero-padded: its unsigned order agrees with the keys' (no key holds NUL). */
    private static long prefix(byte[] key) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return p;
    }

    private static final class RunReader implements AutoCloseable {

        private final DataInputStream in;
        byte[] key;
        long line;
        byte[] payload;

        RunReader(Path file, long offset, int buffer) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                InputStream stream = Channels.newInputStream(channel);
                this.in = new DataInputStream(new BufferedInputStream(stream, buffer));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the sorted run " + file, e);
            }
        }

        boolean advance() {
            try {
                int keyLength;
                try {
                    keyLength = in.readUnsignedShort();
                } catch (EOFException end) {
                    key = null;
                    return false;
                }
                key = in.readNBytes(keyLength);
                line = in.readLong();
                payload = in.readNBytes(in.readInt());
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Merge implements RowCursor {

        private final byte[] upperInclusive;
        private final List<RunReader> readers = new ArrayList<>();
        private final PriorityQueue<RunReader> queue = new PriorityQueue<>((a, b) -> {
            int c = Keys.compare(a.key, b.key);
            return c != 0 ? c : Long.compare(a.line, b.line);
        });
        private byte[] key;
        private long line;
        private byte[] payload;

        Merge(byte[] upperInclusive) {
            this.upperInclusive = upperInclusive;
        }

        void add(RunReader reader) {
            readers.add(reader);
            if (reader.key != null && inRange(reader.key)) {
                queue.add(reader);
            }
        }

        private boolean inRange(byte[] k) {
            return upperInclusive == null || Keys.compare(k, upperInclusive) <= 0;
        }

        @Override
        public boolean next() {
            while (!queue.isEmpty()) {
                RunReader top = queue.poll();
                byte[] k = top.key;
                long l = top.line;
                byte[] p = top.payload;
                if (top.advance() && inRange(top.key)) {
                    queue.add(top);
                }
                if (key != null && Keys.compare(k, key) == 0) {
                    continue; // a later line of a debtId already given: a duplicate within the file
                }
                key = k;
                line = l;
                payload = p;
                return true;
            }
            return false;
        }

        @Override
        public byte[] key() {
            return key;
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public byte[] payload() {
            return payload;
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (RunReader reader : readers) {
                try {
                    reader.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
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
}
