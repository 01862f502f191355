package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.cnab240.Cnab240Line;
import dev.cobranca.core.bank.cnab240.Cnab240LineReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The structure of a CNAB 240 file, checked as it streams by: a file header, lots (header, numbered details,
 * trailer with the lot's record count), a file trailer with the file's lot and record counts (FEBRABAN 240,
 * "Composição do arquivo"). Subclasses read the segments. A broken record is reported and skipped; a missing or
 * foreign file header, or a missing file trailer, ends the read with a {@link CnabFormatException}.
 */
abstract class BancoDoBrasilFileReader {

    private enum State { FILE_HEADER, BETWEEN_LOTS, IN_LOT, DONE }

    private State state = State.FILE_HEADER;
    private long lot;
    private long lotRecords;
    private long nextSequence;
    private long lotTitles;
    private long lotCents;
    private long lots;
    private long records;
    private int lastLine;

    /** '1' remessa, '2' retorno (file header pos 143). */
    protected abstract char direction();

    /** The file header record, already known to be Banco do Brasil's and of the right direction. */
    protected abstract void fileHeader(Cnab240Line line);

    /** A detail record (type 3) of the current lot. */
    protected abstract void detail(Cnab240Line line, char segment);

    /** The lot ends (its trailer, or a record that should have been one): report any half-read title. */
    protected abstract void lotEnds();

    protected abstract void error(int line, String reason);

    /** Whether the lot trailer's "cobrança simples" totals (pos 24-46) are checked against the titles read. */
    protected abstract boolean checksLotTotals();

    /** Subclasses count each title they deliver, for the lot trailer's totals. */
    protected final void counted(long cents) {
        lotTitles++;
        lotCents += cents;
    }

    protected final long records() {
        return records;
    }

    final void run(Reader in) {
        Cnab240LineReader lines = new Cnab240LineReader(in);
        Cnab240Line line = new Cnab240Line();
        try {
            while (lines.next(line)) {
                lastLine = line.number();
                records++;
                record(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (state == State.FILE_HEADER) {
            throw new CnabFormatException(1, "empty file: no file header (record type 0)");
        }
        if (state != State.DONE) {
            if (state == State.IN_LOT) {
                lotEnds();
            }
            throw new CnabFormatException(lastLine + 1, "the file trailer (record type 9) is missing: the file is incomplete");
        }
    }

    private void record(Cnab240Line line) {
        char type = line.charAt(8);
        if (state == State.FILE_HEADER) {
            readFileHeader(line, type);
            return;
        }
        if (!"001".equals(line.raw(1, 3))) {
            error(line.number(), "bank code '" + line.raw(1, 3) + "' at pos 1-3 is not 001 (Banco do Brasil)");
            return;
        }
        switch (state) {
            case BETWEEN_LOTS -> {
                switch (type) {
                    case '1' -> openLot(line);
                    case '9' -> fileTrailer(line);
                    case '3', '5' -> error(line.number(), "record type " + type + " outside a lot (no lot header before it)");
                    default -> unexpected(line, type);
                }
            }
            case IN_LOT -> {
                switch (type) {
                    case '3' -> inLotDetail(line);
                    case '5' -> lotTrailer(line);
                    case '1' -> {
                        lotEnds();
                        error(line.number(), "lot header while lot " + lot + " is open: its trailer (record type 5) is missing");
                        openLot(line);
                    }
                    case '9' -> {
                        lotEnds();
                        error(line.number(), "file trailer while lot " + lot + " is open: its trailer (record type 5) is missing");
                        fileTrailer(line);
                    }
                    default -> unexpected(line, type);
                }
            }
            case DONE -> error(line.number(), "record after the file trailer");
            default -> throw new IllegalStateException();
        }
    }

    private void unexpected(Cnab240Line line, char type) {
        error(line.number(), type == '0'
                ? "a second file header (record type 0)"
                : "record type '" + type + "' at pos 8 is not 0, 1, 3, 5 or 9");
    }

    private void readFileHeader(Cnab240Line line, char type) {
        if (type != '0') {
            throw new CnabFormatException(line.number(), "the first record is not a file header (pos 8 is '" + type
                    + "', expected 0): not a CNAB 240 file, or it lost its beginning");
        }
        if (!"001".equals(line.raw(1, 3))) {
            throw new CnabFormatException(line.number(), "bank code '" + line.raw(1, 3) + "' at pos 1-3: not a Banco do Brasil file");
        }
        char d = line.charAt(143);
        if (d != direction()) {
            throw new CnabFormatException(line.number(), "pos 143 is '" + d + "': " + (d == '1' ? "a remessa" : d == '2' ? "a retorno" : "neither remessa (1) nor retorno (2)")
                    + ", expected " + (direction() == '1' ? "a remessa (1)" : "a retorno (2)"));
        }
        fileHeader(line);
        state = State.BETWEEN_LOTS;
    }

    private void openLot(Cnab240Line line) {
        lots++;
        lot = line.number(4, 7);
        lotRecords = 1;
        nextSequence = 1;
        lotTitles = 0;
        lotCents = 0;
        state = State.IN_LOT;
        char op = line.charAt(9);
        char expected = direction() == '1' ? 'R' : 'T';
        if (op != expected || !"01".equals(line.raw(10, 11))) {
            error(line.number(), "lot header: operation '" + op + "' (pos 9) and service '" + line.raw(10, 11)
                    + "' (pos 10-11), expected '" + expected + "' and 01 (cobrança)");
        }
    }

    private void inLotDetail(Cnab240Line line) {
        lotRecords++;
        long sequence = line.number(9, 13);
        long position = lotRecords - 1;
        // one broken or missing record, one error: the next is right if it follows either the count or the last number
        if (sequence != position && sequence != nextSequence) {
            error(line.number(), "detail sequence '" + line.raw(9, 13) + "' (pos 9-13), expected " + position);
        }
        nextSequence = sequence < 0 ? position + 1 : sequence + 1;
        if (line.number(4, 7) != lot) {
            error(line.number(), "detail of lot '" + line.raw(4, 7) + "' (pos 4-7) inside lot " + lot);
        }
        detail(line, line.charAt(14));
    }

    private void lotTrailer(Cnab240Line line) {
        lotRecords++;
        lotEnds();
        long declared = line.number(18, 23);
        if (declared != lotRecords) {
            error(line.number(), "lot trailer counts '" + line.raw(18, 23) + "' records (pos 18-23); lot " + lot + " has " + lotRecords);
        }
        if (checksLotTotals() && !line.isEmpty(24, 46)) {
            long titles = line.number(24, 29);
            long cents = line.number(30, 46);
            if (titles != lotTitles || cents != lotCents) {
                error(line.number(), "lot trailer totals " + line.raw(24, 29) + " titles / " + line.raw(30, 46)
                        + " (pos 24-46); lot " + lot + " holds " + lotTitles + " titles / " + lotCents + " cents");
            }
        }
        state = State.BETWEEN_LOTS;
    }

    private void fileTrailer(Cnab240Line line) {
        long declaredLots = line.number(18, 23);
        long declaredRecords = line.number(24, 29);
        if (declaredLots != lots) {
            error(line.number(), "file trailer counts '" + line.raw(18, 23) + "' lots (pos 18-23); the file has " + lots);
        }
        if (declaredRecords != records) {
            error(line.number(), "file trailer counts '" + line.raw(24, 29) + "' records (pos 24-29); the file has " + records);
        }
        state = State.DONE;
    }
}
