package dev.cobranca.csvimport.adapter;

import dev.cobranca.csvimport.ChargeLoader.KeyRange;
import dev.cobranca.csvimport.ChargeLoader.KeyRangeRows;
import dev.cobranca.csvimport.ChargeLoader.LoadedKeyRange;
import dev.cobranca.csvimport.InvoiceOutbox;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.RowCursor;
import dev.cobranca.postgres.CopyText;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.postgresql.util.PSQLException;

/**
 * The last guard of a key range the database refuses as data (a row the validator passed, such as a value out of a
 * column's range or a check constraint): in one transaction, the range is loaded in halves, each under a savepoint, a
 * refused half halved again, until each refused row stands alone. Those rows are kept on the range for the report, with the
 * database's reason and leave the upload's valid count; every other row of the range loads. Costs about two reads of
 * the range per refused row, and only ever runs after a refusal.
 */
final class RangeBisection {

    private final Connection c;
    private final UUID uploadId;
    private final KeyRange keyRange;
    private final KeyRangeRows rows;
    private final int debtIdsPerMessage;

    RangeBisection(Connection c, UUID uploadId, KeyRange keyRange, KeyRangeRows rows, int debtIdsPerMessage) {
        this.c = c;
        this.uploadId = uploadId;
        this.keyRange = keyRange;
        this.rows = rows;
        this.debtIdsPerMessage = debtIdsPerMessage;
    }

    /** (lowerExclusive, upperInclusive]: null is the key range's open end. */
    private record Piece(byte[] lower, byte[] upper) {
    }

    LoadedKeyRange load() throws SQLException, IOException {
        ChargeCopy.createStaging(c);
        long inserted = 0;
        long refused = 0;
        List<InvoiceOutbox.Batch> batches = new ArrayList<>();
        Deque<Piece> pieces = new ArrayDeque<>();
        pieces.push(new Piece(ChargeCopy.bytes(keyRange.lowerExclusive()), ChargeCopy.bytes(keyRange.upperInclusive())));
        while (!pieces.isEmpty()) {
            Piece piece = pieces.pop();
            Savepoint savepoint = c.setSavepoint();
            try {
                ChargeCopy.copyRows(c, uploadId, rows.open(piece.lower, piece.upper),
                        ChargeCopy.STAGING_COPY, null);
                LoadedKeyRange loaded = ChargeCopy.insertFromStaging(c, uploadId, keyRange, debtIdsPerMessage, true);
                try (Statement st = c.createStatement()) {
                    st.execute("truncate import_range_rows");
                }
                c.releaseSavepoint(savepoint);
                inserted += loaded.inserted();
                batches.addAll(loaded.outbox());
            } catch (SQLException | IOException | RuntimeException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                c.rollback(savepoint);
                if (!split(piece, pieces, e)) {
                    refused++;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update uploads set rows_rejected = rows_rejected + ?, rows_valid = rows_valid - ? where id = ?")) {
            ps.setLong(1, refused);
            ps.setLong(2, refused);
            ps.setObject(3, uploadId);
            ps.executeUpdate();
        }
        batches.sort((a, b) -> Long.compare(a.id(), b.id()));
        return new LoadedKeyRange(inserted, batches);
    }

    /**
     * Halves a refused piece (lower half on top, so the rows load in key order); a piece of one row is refused: it
     * becomes a rejected row.
     *
     * @return false when the piece was a single row, now rejected
     */
    private boolean split(Piece piece, Deque<Piece> pieces, Exception refusal) throws SQLException {
        long count = 0;
        long line = 0;
        byte[] key = null;
        byte[] payload = null;
        try (RowCursor cursor = rows.open(piece.lower, piece.upper)) {
            while (cursor.next()) {
                if (count++ == 0) {
                    line = cursor.line();
                    key = cursor.key();
                    payload = cursor.payload();
                }
            }
        }
        if (count == 0) {
            throw new IllegalStateException("key range " + keyRange.rangeNo() + " of upload " + uploadId
                    + " is refused by the database with no row in it", refusal);
        }
        if (count == 1) {
            reject(line, key, payload, refusal);
            return false;
        }
        byte[] middle = null;
        try (RowCursor cursor = rows.open(piece.lower, piece.upper)) {
            for (long i = 0; i < count / 2 && cursor.next(); i++) {
                middle = cursor.key();
            }
        }
        pieces.push(new Piece(middle, piece.upper));
        pieces.push(new Piece(piece.lower, middle));
        return true;
    }

    /**
     * Keeps the refused row on its key range, in the range's transaction: it is reported with the range committed,
     * whichever invocation writes the report.
     */
    private void reject(long line, byte[] key, byte[] payload, Exception refusal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update import_key_ranges set refused = coalesce(refused, '[]'::jsonb)
                       || jsonb_build_array(jsonb_build_object('line', ?, 'reason', ?::text, 'row', ?::text))
                 where upload_id = ? and range_no = ?""")) {
            ps.setLong(1, line);
            ps.setString(2, "the database refused the row: " + serverMessage(refusal).replace("\0", ""));
            ps.setString(3, csv(key, payload).replace("\0", "")); // jsonb, like text, holds no NUL
            ps.setObject(4, uploadId);
            ps.setInt(5, keyRange.rangeNo());
            ps.executeUpdate();
        }
    }

    /**
     * The row as the report shows it: the sorted runs keep the values, not the file's text, so they are written back
     * as CSV in the header's usual order (name, governmentId, email, debtAmount, debtDueDate, debtId, then address,
     * district, zipCode, city, state when the row has any of them).
     */
    static String csv(byte[] key, byte[] payload) {
        List<String> fields = CopyText.fields(payload);
        List<String> values = new ArrayList<>(fields.subList(0, CopyRowFormat.REQUIRED_FIELDS));
        values.add(Keys.text(key));
        List<String> address = fields.subList(CopyRowFormat.REQUIRED_FIELDS, fields.size());
        if (address.stream().anyMatch(v -> !v.isEmpty())) {
            values.addAll(address);
        }
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            sb.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        return sb.toString();
    }

    /**
     * A value the database cannot take (SQLSTATE class 22, data exception: out of range, bad encoding...) or a
     * constraint a row breaks by itself (23502 not null, 23514 check). Not 23505 or 40P01: those are about other rows,
     * and have their own path.
     */
    static boolean isDataError(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.equals("23502") || state.equals("23514"));
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String serverMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getMessage();
            }
            if (t instanceof SQLException sql) {
                return sql.getMessage();
            }
        }
        return e.getMessage();
    }
}
