package dev.cobranca.csvimport.sort;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Key-range planning from the sorted runs' sample of keys (every n-th key of every run, sorted): where to cut the
 * upload into ranges of about the same number of rows, which keys to probe for charges already there, which keys a
 * resumed import still needs. Pure: no I/O, no state.
 */
public final class KeyRanges {

    private KeyRanges() {
    }

    /**
     * The upper bounds of about {@code rows / rowsPerRange} ranges (every range but the last, which is open), ascending
     * and distinct: sample keys at even intervals.
     *
     * @param sample a sorted systematic sample of the rows' keys
     */
    public static List<String> bounds(List<byte[]> sample, long rows, int rowsPerRange) {
        long ranges = (rows + rowsPerRange - 1) / rowsPerRange;
        List<String> bounds = new ArrayList<>();
        byte[] previous = null;
        for (long i = 1; i < ranges && !sample.isEmpty(); i++) {
            byte[] bound = sample.get((int) (i * sample.size() / ranges));
            if (previous == null || Keys.compare(bound, previous) > 0) {
                bounds.add(Keys.text(bound));
                previous = bound;
            }
        }
        return bounds;
    }

    /** Up to {@code n} keys spread evenly over the sample (to tell a new file from a re-upload before loading). */
    public static List<String> probe(List<byte[]> sample, int n) {
        int count = Math.min(n, sample.size());
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(Keys.text(sample.get((int) ((long) i * sample.size() / count))));
        }
        return keys;
    }

    /**
     * Whether a key lies in any of the ranges.
     *
     * @param ranges {lowerExclusive, upperInclusive} each, null for an open end
     */
    public static Predicate<byte[]> inAny(List<String[]> ranges) {
        List<byte[][]> keys = ranges.stream().map(r -> new byte[][] {bytes(r[0]), bytes(r[1])}).toList();
        return key -> {
            for (byte[][] range : keys) {
                if (Keys.inRange(key, range[0], range[1])) {
                    return true;
                }
            }
            return false;
        };
    }

    private static byte[] bytes(String bound) {
        return bound == null ? null : Keys.of(bound);
    }
}
