package dev.cobranca.csvimport.sort;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * debtIds as sort keys: their UTF-8 bytes compared unsigned, which is the order of PostgreSQL's {@code COLLATE "C"}
 * (the collation of charges.debt_id and its unique index). Java's {@code String.compareTo} is not: it orders UTF-16
 * units, and characters above U+FFFF sort differently.
 */
public final class Keys {

    private Keys() {
    }

    public static byte[] of(String debtId) {
        return debtId.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Whether {@code key} lies in {@code (lowerExclusive, upperInclusive]}; a null bound is open. */
    public static boolean inRange(byte[] key, byte[] lowerExclusive, byte[] upperInclusive) {
        return (lowerExclusive == null || compare(key, lowerExclusive) > 0)
                && (upperInclusive == null || compare(key, upperInclusive) <= 0);
    }
}
