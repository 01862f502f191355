package dev.cobranca.invoice.pdf;

/**
 * The bars of an Interleaved 2 of 5 (ITF) symbol, as FEBRABAN prints the boleto barcode: pairs of digits,
 * the first drawn in the bars and the second in the spaces between them, each digit as five elements of
 * which two are wide; a start pattern of four narrow elements and a stop pattern of wide bar, narrow space,
 * narrow bar.
 */
final class Interleaved2of5 {

    /** Wide elements per digit 0-9: bit 4 is the first element. */
    private static final int[] PATTERNS = {
            0b00110, 0b10001, 0b01001, 0b11000, 0b00101, 0b10100, 0b01100, 0b00011, 0b10010, 0b01010};

    static final int WIDE = 3;

    private Interleaved2of5() {
    }

    /** Width of the symbol in narrow modules: 4 + 18 per pair + 5 (405 for the 44 digits of a boleto). */
    static int modules(int digitCount) {
        return 4 + 9 * digitCount + WIDE + 2;
    }

    /**
     * The bars as {@code [start, width]} pairs in narrow modules, left to right.
     *
     * @param digits an even number of digits
     */
    static int[] bars(String digits) {
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("ITF encodes an even number of digits, got " + digits.length());
        }
        int[] bars = new int[2 * (2 + 5 * digits.length() / 2 + 2)];
        int n = 0;
        int x = 0;
        // start: narrow bar, narrow space, narrow bar, narrow space
        bars[n++] = x;
        bars[n++] = 1;
        x += 2;
        bars[n++] = x;
        bars[n++] = 1;
        x += 2;
        for (int i = 0; i < digits.length(); i += 2) {
            int barPattern = PATTERNS[digits.charAt(i) - '0'];
            int spacePattern = PATTERNS[digits.charAt(i + 1) - '0'];
            for (int bit = 4; bit >= 0; bit--) {
                int bar = (barPattern >> bit & 1) == 1 ? WIDE : 1;
                int space = (spacePattern >> bit & 1) == 1 ? WIDE : 1;
                bars[n++] = x;
                bars[n++] = bar;
                x += bar + space;
            }
        }
        // stop: wide bar, narrow space, narrow bar
        bars[n++] = x;
        bars[n++] = WIDE;
        x += WIDE + 1;
        bars[n++] = x;
        bars[n++] = 1;
        return bars;
    }
}
