package dev.cobranca.csvimport.sort;

import java.util.Arrays;

/**
 * The rows one thread gathers up to the sort's byte budget, in one byte arena (records laid out as in a run file,
 * see {@link RunWriter}) with a primitive index. No object per row: the garbage collector never copies the rows it
 * holds, and the sort compares 8-byte key prefixes from a {@code long[]} before it touches the arena.
 */
final class RowArena {

    private final byte[] arena;
    private int used;
    private int rows;
    private int[] offsets = new int[1 << 14];
    private long[] prefixes = new long[1 << 14];

    RowArena(long budgetBytes) {
        this.arena = new byte[(int) Math.min(budgetBytes, Integer.MAX_VALUE - 16)];
    }

    int rows() {
        return rows;
    }

    /** @return false when the row does not fit beside those held (write them out, then add it again) */
    boolean add(byte[] key, long line, byte[] payload) {
        int size = RunWriter.recordSize(key.length, payload.length);
        if (used + size > arena.length) {
            return false;
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
        return true;
    }

    /** Writes the rows held in (key, line) order, then holds none. */
    void writeSorted(RunWriter out) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        sort(order, new int[rows], 0, rows);
        for (int i = 0; i < rows; i++) {
            int at = offsets[order[i]];
            int keyLength = ((arena[at] & 0xFF) << 8) | (arena[at + 1] & 0xFF);
            int size = RunWriter.recordSize(keyLength, readInt(at + 2 + keyLength + 8));
            out.writeRecord(arena, at, size, keyLength);
        }
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

    /** The key's first 8 bytes, big-endian, zero-padded: its unsigned order agrees with the keys' (no key holds NUL). */
    private static long prefix(byte[] key) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return p;
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
