package dev.cobranca.emulators.bank;

/**
 * A set of longs in one array (open addressing), so that a remessa's nosso números can be checked for
 * duplicates at 16 bytes a title rather than a boxed object each.
 */
final class LongSet {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] slots = newSlots(1 << 12);
    private int size;

    /** @return false when the value was already there */
    boolean add(long value) {
        if (value == EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE is the empty marker");
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (!insert(slots, value)) {
            return false;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = (int) mix(value) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        long[] bigger = newSlots(slots.length * 2);
        for (long v : slots) {
            if (v != EMPTY) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static long[] newSlots(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, EMPTY);
        return a;
    }

    /** SplitMix64's finaliser: spreads sequential nosso números over the table (and decides who pays). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
