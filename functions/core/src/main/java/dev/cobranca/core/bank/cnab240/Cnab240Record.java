package dev.cobranca.core.bank.cnab240;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

/**
 * One 240-character record being written, addressed by the layout's 1-based, inclusive positions ("pos 18-22"),
 * so that code and manual read alike. Alphanumeric fields are left-aligned and space-filled, numeric ones
 * right-aligned and zero-filled (FEBRABAN 240, "Regras gerais"). Reused record after record; not thread-safe.
 */
public final class Cnab240Record {

    public static final int LENGTH = 240;
    private static final char[] CRLF = {'\r', '\n'};

    private final char[] chars = new char[LENGTH];

    public Cnab240Record() {
        clear();
    }

    /** All spaces again. */
    public Cnab240Record clear() {
        Arrays.fill(chars, ' ');
        return this;
    }

    /** Alphanumeric: upper case ASCII, cut to the field; null or blank leaves spaces. */
    public Cnab240Record text(int from, int to, String value) {
        if (value == null) {
            return put(from, to, "");
        }
        check(from, to);
        // the common case, plain ASCII, is upper-cased straight into the record without a copy
        int width = to - from + 1;
        int n = Math.min(width, value.length());
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return put(from, to, CnabText.ascii(value));
            }
            chars[from - 1 + i] = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
        }
        Arrays.fill(chars, from - 1 + n, to, ' ');
        return this;
    }

    /** A constant written as is (already upper case ASCII), left-aligned; it must fit. */
    public Cnab240Record literal(int from, int to, String value) {
        if (value.length() > to - from + 1) {
            throw new IllegalArgumentException("'" + value + "' does not fit pos " + from + "-" + to);
        }
        return put(from, to, value);
    }

    private Cnab240Record put(int from, int to, String value) {
        check(from, to);
        int width = to - from + 1;
        int n = Math.min(width, value.length());
        value.getChars(0, n, chars, from - 1);
        Arrays.fill(chars, from - 1 + n, to, ' ');
        return this;
    }

    /** A non-negative number, zero-filled on the left. */
    public Cnab240Record number(int from, int to, long value) {
        check(from, to);
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value + " for pos " + from + "-" + to);
        }
        long v = value;
        for (int i = to - 1; i >= from - 1; i--) {
            chars[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        if (v != 0) {
            throw new IllegalArgumentException(value + " does not fit the " + (to - from + 1) + " digits of pos " + from + "-" + to);
        }
        return this;
    }

    /** A string of digits, zero-filled on the left; null or empty writes zeros. */
    public Cnab240Record digits(int from, int to, String digits) {
        check(from, to);
        String d = digits == null ? "" : digits;
        int width = to - from + 1;
        if (d.length() > width) {
            throw new IllegalArgumentException("'" + d + "' does not fit the " + width + " digits of pos " + from + "-" + to);
        }
        int pad = width - d.length();
        Arrays.fill(chars, from - 1, from - 1 + pad, '0');
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("'" + d + "' is not digits, for pos " + from + "-" + to);
            }
            chars[from - 1 + pad + i] = c;
        }
        return this;
    }

    /** Zeros across the field. */
    public Cnab240Record zeros(int from, int to) {
        check(from, to);
        Arrays.fill(chars, from - 1, to, '0');
        return this;
    }

    /** An amount with 2 implied decimals ("9(13)V99"); null writes zeros. */
    public Cnab240Record amount(int from, int to, BigDecimal value) {
        if (value == null) {
            return zeros(from, to);
        }
        long cents;
        try {
            cents = value.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + value.toPlainString() + " has more than 2 decimals or is too large, for pos " + from + "-" + to);
        }
        return number(from, to, cents);
    }

    /** DDMMAAAA; null writes zeros (FEBRABAN's "no date"). */
    public Cnab240Record date(int from, int to, LocalDate date) {
        if (to - from != 7) {
            throw new IllegalArgumentException("a date takes 8 positions, not pos " + from + "-" + to);
        }
        if (date == null) {
            return zeros(from, to);
        }
        number(from, from + 1, date.getDayOfMonth());
        number(from + 2, from + 3, date.getMonthValue());
        return number(from + 4, to, date.getYear());
    }

    /** HHMMSS. */
    public Cnab240Record time(int from, int to, LocalTime time) {
        if (to - from != 5) {
            throw new IllegalArgumentException("a time takes 6 positions, not pos " + from + "-" + to);
        }
        number(from, from + 1, time.getHour());
        number(from + 2, from + 3, time.getMinute());
        return number(from + 4, to, time.getSecond());
    }

    public char charAt(int position) {
        return chars[position - 1];
    }

    /** The 240 characters and CRLF. */
    public void writeTo(Writer out) throws IOException {
        out.write(chars);
        out.write(CRLF);
    }

    @Override
    public String toString() {
        return new String(chars);
    }

    private static void check(int from, int to) {
        if (from < 1 || to > LENGTH || from > to) {
            throw new IllegalArgumentException("bad field pos " + from + "-" + to);
        }
    }
}
