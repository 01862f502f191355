package dev.cobranca.csvimport.sort;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k-way merge of runs up to an upper bound, in (key, line) order, each debtId once: its first line, the one
 * kept anyway. Holds one buffer and one row per run.
 */
final class RunMerge implements RowCursor {

    private final byte[] upperInclusive;
    private final List<RunReader> readers = new ArrayList<>();
    private final PriorityQueue<RunReader> queue = new PriorityQueue<>((a, b) -> {
        int c = Keys.compare(a.key, b.key);
        return c != 0 ? c : Long.compare(a.line, b.line);
    });
    private byte[] key;
    private long line;
    private byte[] payload;

    /** @param upperInclusive null: to the end of every run */
    RunMerge(byte[] upperInclusive) {
        this.upperInclusive = upperInclusive;
    }

    /** Adds a run's reader, positioned at its first row of the range; closed with the merge. */
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
