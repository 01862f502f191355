package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.cnab240.Cnab240Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * The bookkeeping a remessa and a retorno share: lots opened as they fill (a lot numbers its details in 5 digits,
 * so 100,000 titles take several lots), record counts and totals for the trailers. Streams; holds no title.
 */
abstract class BancoDoBrasilFileWriter {

    protected final Cnab240Record record = new Cnab240Record();
    protected final Writer out;
    private final BancoDoBrasilAccount account;
    private final char direction;
    private final long nsa;
    private final LocalDateTime at;
    private final int detailsPerTitle;

    private int lot;
    private int lotDetails;
    private long lotTitles;
    private long lotCents;
    private long records;
    private long titles;
    private long cents;
    private boolean finished;

    BancoDoBrasilFileWriter(Writer out, BancoDoBrasilAccount account, char direction, long nsa, LocalDateTime at,
            int detailsPerTitle) {
        if (nsa < 1 || nsa > 999_999) {
            throw new IllegalArgumentException("NSA must be 1..999999 (6 digits), was " + nsa);
        }
        if (at == null) {
            throw new IllegalArgumentException("generation date and time are required");
        }
        this.out = out;
        this.account = account;
        this.direction = direction;
        this.nsa = nsa;
        this.at = at;
        this.detailsPerTitle = detailsPerTitle;
        io(() -> BancoDoBrasilLayout.fileHeader(record, account, direction, nsa, at, out));
        records = 1;
    }

    /** Whether one more title fits this file (its trailer counts records in 6 digits). */
    public final boolean canAdd() {
        return !finished && records + recordsFor(1) + 2 <= BancoDoBrasilLayout.MAX_RECORDS_PER_FILE;
    }

    private long recordsFor(int newTitles) {
        boolean newLot = lot == 0 || lotDetails + detailsPerTitle * newTitles > BancoDoBrasilLayout.MAX_DETAILS_PER_LOT;
        return (long) detailsPerTitle * newTitles + (newLot ? (lot == 0 ? 1 : 2) : 0);
    }

    /** Makes room for a title's details (a new lot when this one is full) and counts it. */
    protected final void startTitle(BigDecimal amount) {
        if (finished) {
            throw new IllegalStateException("the file is finished");
        }
        if (!canAdd()) {
            throw new IllegalStateException("the file is full: its trailer counts at most "
                    + BancoDoBrasilLayout.MAX_RECORDS_PER_FILE + " records; start another file");
        }
        long c;
        try {
            c = amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than 2 decimals");
        }
        if (lot == 0 || lotDetails + detailsPerTitle > BancoDoBrasilLayout.MAX_DETAILS_PER_LOT) {
            if (lot > 0) {
                closeLot();
            }
            lot++;
            io(() -> BancoDoBrasilLayout.lotHeader(record, account, lot, direction, nsa, at, out));
            records++;
            lotDetails = 0;
            lotTitles = 0;
            lotCents = 0;
        }
        lotTitles++;
        lotCents += c;
        titles++;
        cents += c;
    }

    /** A detail record of the current lot, numbered, with its first 17 positions written. */
    protected final Cnab240Record detail(char segment, String movement) {
        lotDetails++;
        records++;
        return BancoDoBrasilLayout.detail(record, lot, lotDetails, segment, movement);
    }

    protected final void write() {
        io(() -> record.writeTo(out));
    }

    protected final void finishFile() {
        if (finished) {
            throw new IllegalStateException("the file is already finished");
        }
        finished = true;
        if (lot == 0) {
            // an empty file still has its lot, so that a reader finds the structure it expects
            lot = 1;
            io(() -> BancoDoBrasilLayout.lotHeader(record, account, lot, direction, nsa, at, out));
            records++;
        }
        closeLot();
        records++;
        io(() -> {
            BancoDoBrasilLayout.fileTrailer(record, lot, records, out);
            out.flush();
        });
    }

    private void closeLot() {
        long lotRecords = lotDetails + 2L;
        long t = lotTitles;
        BigDecimal total = BigDecimal.valueOf(lotCents, 2);
        io(() -> BancoDoBrasilLayout.lotTrailer(record, lot, lotRecords, t, total, out));
        records++;
    }

    protected final long records() {
        return records;
    }

    protected final long titles() {
        return titles;
    }

    protected final BigDecimal total() {
        return BigDecimal.valueOf(cents, 2);
    }

    protected final BancoDoBrasilAccount account() {
        return account;
    }

    interface IoAction {
        void run() throws IOException;
    }

    protected static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
