package dev.cobranca.core.importing;

/**
 * Character scans the field rules share. They run for every row of a million-row file: plain loops instead of
 * regular expressions.
 */
final class TextScans {

    private TextScans() {
    }

    static boolean hasSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '-' || c == '/') {
                return true;
            }
        }
        return false;
    }

    /** ASCII digits only, as {@code \d} without UNICODE_CHARACTER_CLASS; false for an empty range. */
    static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
