package dev.cobranca.csvimport.sort;

import java.nio.file.Path;
import java.util.List;

/**
 * One sorted run file and what is kept of it in memory: every {@code sampleEvery}th key with its offset, to start a
 * range without reading what comes before it and to sample the keys.
 */
record Run(Path file, long rows, List<Sparse> sparse) {

    record Sparse(byte[] key, long offset) {
    }

    /** A reader at the first row whose key is above {@code lowerExclusive}. */
    RunReader openAt(byte[] lowerExclusive, int buffer) {
        long offset = 0;
        if (lowerExclusive != null) {
            // rows before the last sampled key <= lower all have keys <= lower: skip straight to it
            int lo = 0;
            int hi = sparse.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Keys.compare(sparse.get(mid).key(), lowerExclusive) <= 0) {
                    offset = sparse.get(mid).offset();
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
