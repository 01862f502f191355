package dev.cobranca.core.bank.cnab240;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One record being read, padded with spaces to 240 characters (banks often right-trim), addressed by the
 * layout's 1-based, inclusive positions. Filled again for every line by {@link Cnab240LineReader}.
 */
public final class Cnab240Line {

    final char[] chars = new char[Cnab240Record.LENGTH];
    int number;
    int length;

    /** The 1-based line number in the file. */
    public int number() {
        return number;
    }

    /** The record's length as found, before padding or cutting to 240. */
    public int length() {
        return length;
    }

    public char charAt(int position) {
        return chars[position - 1];
    }

    /** The field as written, trimmed of spaces on both sides. */
    public String text(int from, int to) {
        int start = from - 1;
        int end = to;
        while (start < end && chars[start] == ' ') {
            start++;
        }
        while (end > start && chars[end - 1] == ' ') {
            end--;
        }
        return new String(chars, start, end - start);
    }

    /** The field exactly as written, spaces included. */
    public String raw(int from, int to) {
        return new String(chars, from - 1, to - from + 1);
    }

    public boolean isDigits(int from, int to) {
        for (int i = from - 1; i < to; i++) {
            if (chars[i] < '0' || chars[i] > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean isBlank(int from, int to) {
        for (int i = from - 1; i < to; i++) {
            if (chars[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Blank or all zeros: an absent date or amount. */
    public boolean isEmpty(int from, int to) {
        for (int i = from - 1; i < to; i++) {
            if (chars[i] != ' ' && chars[i] != '0') {
                return false;
            }
        }
        return true;
    }

    /** The field as a number, or -1 when it is not all digits (up to 18 positions). */
    public long number(int from, int to) {
        long v = 0;
        for (int i = from - 1; i < to; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** 9(n)V99 as an amount with scale 2; null when not all digits. */
    public BigDecimal amount(int from, int to) {
        long cents = number(from, to);
        return cents < 0 ? null : BigDecimal.valueOf(cents, 2);
    }

    /**
     * DDMMAAAA; null when blank or zeros.
     *
     * @throws CnabFieldException when it is neither empty nor a calendar date
     */
    public LocalDate date(int from, int to) {
        if (isEmpty(from, to)) {
            return null;
        }
        long dd = number(from, from + 1);
        long mm = number(from + 2, from + 3);
        long yyyy = number(from + 4, to);
        if (dd < 0 || mm < 0 || yyyy < 0) {
            throw new CnabFieldException("pos " + from + "-" + to + " '" + raw(from, to) + "' is not a date DDMMAAAA");
        }
        try {
            return LocalDate.of((int) yyyy, (int) mm, (int) dd);
        } catch (DateTimeException e) {
            throw new CnabFieldException("pos " + from + "-" + to + " '" + raw(from, to) + "' is not a calendar date");
        }
    }

    @Override
    public String toString() {
        return new String(chars);
    }

    boolean isBlankLine() {
        for (char c : chars) {
            if (!Cnab240LineReader.blankChar(c)) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        Arrays.fill(chars, ' ');
    }
}
