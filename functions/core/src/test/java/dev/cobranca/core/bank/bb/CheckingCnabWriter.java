package dev.cobranca.core.bank.bb;

import java.io.Writer;

/**
 * A Writer that checks a remessa as it streams through, holding only counters: every record 240 upper case ASCII
 * characters and CRLF; lot trailers' record counts, title counts and totals; the file trailer's lot and record
 * counts (FEBRABAN 240 v10.7, Trailer de Lote 05.5-07.5 and Trailer de Arquivo 05.9-06.9).
 */
final class CheckingCnabWriter extends Writer {

    private final char[] record = new char[242];
    private int length;
    long records;
    long lots;
    long titles;
    long cents;
    boolean fileTrailerSeen;
    private long lotRecords;
    private long lotTitles;
    private long lotCents;

    @Override
    public void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (length == record.length) {
                throw new AssertionError("record " + (records + 1) + " is longer than 240 characters");
            }
            record[length++] = buf[i];
            if (buf[i] == '\n') {
                check();
                length = 0;
            }
        }
    }

    private void check() {
        records++;
        if (length != 242 || record[240] != '\r' || record[241] != '\n') {
            throw new AssertionError("record " + records + " is not 240 characters and CRLF (length " + length + ")");
        }
        for (int i = 0; i < 240; i++) {
            char c = record[i];
            if (c < 0x20 || c >= 0x7F || (c >= 'a' && c <= 'z')) {
                throw new AssertionError("record " + records + " pos " + (i + 1) + " is not upper case ASCII: '" + c + "'");
            }
        }
        switch (record[7]) {
            case '1' -> {
                lots++;
                lotRecords = 1;
                lotTitles = 0;
                lotCents = 0;
            }
            case '3' -> {
                lotRecords++;
                if (record[13] == 'P') {
                    lotTitles++;
                    lotCents += number(86, 100);
                }
            }
            case '5' -> {
                lotRecords++;
                expect(number(18, 23), lotRecords, "lot trailer record count");
                expect(number(24, 29), lotTitles, "lot trailer title count");
                expect(number(30, 46), lotCents, "lot trailer total");
                titles += lotTitles;
                cents += lotCents;
            }
            case '9' -> {
                expect(number(18, 23), lots, "file trailer lot count");
                expect(number(24, 29), records, "file trailer record count");
                fileTrailerSeen = true;
            }
            default -> {
            }
        }
    }

    private void expect(long declared, long actual, String what) {
        if (declared != actual) {
            throw new AssertionError(what + " " + declared + " at record " + records + ", counted " + actual);
        }
    }

    private long number(int from, int to) {
        long v = 0;
        for (int i = from - 1; i < to; i++) {
            v = v * 10 + (record[i] - '0');
        }
        return v;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
