package dev.cobranca.csvimport.adapter;

import dev.cobranca.csvimport.ChargeLoader.KeyRange;
import dev.cobranca.csvimport.ChargeLoader.KeyRangeRows;
import dev.cobranca.csvimport.ChargeLoader.LoadedKeyRange;
import dev.cobranca.csvimport.InvoiceOutbox;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.RowCursor;
import dev.cobranca.postgres.CopyText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The two ways a key range of sorted rows reaches charges, with its outbox batches, inside the caller's transaction:
 * {@code COPY} straight into charges (rows in the unique index's order: the fastest load there is), or, when a debtId
 * of the range may be charged already, a temporary table and {@code INSERT ... ON CONFLICT DO NOTHING} (measured: the
 * optimistic COPY loads a clean file in about half the time of staging + ON CONFLICT; the unique btree on random keys
 * is what costs).
 */
final class ChargeCopy {

    /** The columns of a row as {@link #copyRows} writes it: debt_id, the {@link CopyRowFormat} payload, upload_id. */
    static final String COLUMNS = "debt_id, name, government_id, email, amount, due_date, payer_address,"
            + " payer_district, payer_zip_code, payer_city, payer_state, upload_id";
    /** An empty field is null: the address fields of a row without them (no other column is ever empty). */
    private static final String FROM_STDIN = ") from stdin with (null '')";
    static final String STAGING_COPY = "copy import_range_rows (" + COLUMNS + FROM_STDIN;

    private ChargeCopy() {
    }

    /**
     * The fast path: COPY straight into charges, rows in index order, and the outbox batches built on the way. Fails
     * with a unique violation, leaving nothing, if one debtId is charged already.
     */
    static LoadedKeyRange copyIntoCharges(Connection c, UUID uploadId, KeyRange keyRange, KeyRangeRows rows,
            int debtIdsPerMessage) throws SQLException, IOException {
        OutboxRows outbox = new OutboxRows(uploadId, keyRange.rangeNo(), debtIdsPerMessage);
        long inserted = copyRows(c, uploadId, rows.open(bytes(keyRange.lowerExclusive()), bytes(keyRange.upperInclusive())),
                "copy charges (" + COLUMNS + FROM_STDIN, outbox);
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "copy invoice_outbox (upload_id, range_no, debt_ids) from stdin", 1 << 16);
        try {
            outbox.writeTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        // identity values follow the COPY's row order: the i-th id is the i-th batch
        List<List<String>> groups = outbox.groups();
        List<InvoiceOutbox.Batch> batches = new ArrayList<>(groups.size());
        try (PreparedStatement ps = c.prepareStatement(
                "select id from invoice_outbox where upload_id = ? and range_no = ? order by id")) {
            ps.setObject(1, uploadId);
            ps.setInt(2, keyRange.rangeNo());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(new InvoiceOutbox.Batch(rs.getLong(1), groups.get(batches.size())));
                }
            }
        }
        if (batches.size() != groups.size()) {
            throw new IllegalStateException("key range " + keyRange.rangeNo() + " of upload " + uploadId + " wrote "
                    + groups.size() + " outbox batches but " + batches.size() + " are there");
        }
        return new LoadedKeyRange(inserted, batches);
    }

    /**
     * The careful path: the range into a temporary table, then into charges in debt_id order skipping what is charged
     * already, the new ids grouped into the outbox as RETURNING gives them (a message's ids need no order).
     */
    static LoadedKeyRange insertThroughStaging(Connection c, UUID uploadId, KeyRange keyRange, KeyRangeRows rows,
            int debtIdsPerMessage, boolean mostlyCharged) throws SQLException, IOException {
        createStaging(c);
        copyRows(c, uploadId, rows.open(bytes(keyRange.lowerExclusive()), bytes(keyRange.upperInclusive())), STAGING_COPY, null);
        return insertFromStaging(c, uploadId, keyRange, debtIdsPerMessage, mostlyCharged);
    }

    static void createStaging(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // per session, emptied at each commit; no WAL
            st.execute("""
                    create temp table if not exists import_range_rows (debt_id text collate "C" not null, name text not null,
                      government_id text not null, email text not null, amount numeric(12,2) not null,
                      due_date date not null, payer_address text, payer_district text, payer_zip_code text,
                      payer_city text, payer_state text, upload_id uuid not null) on commit delete rows""");
        }
    }

    static byte[] bytes(String bound) {
        return bound == null ? null : Keys.of(bound);
    }

    /** The valid rows into charges, skipping what is charged already; their outbox batches written and returned. */
    static LoadedKeyRange insertFromStaging(Connection c, UUID uploadId, KeyRange keyRange, int debtIdsPerMessage,
            boolean mostlyCharged) throws SQLException {
        if (mostlyCharged) {
            try (Statement st = c.createStatement()) {
                st.execute("analyze import_range_rows"); // row estimates for the anti-join's plan
            }
        }
        // NOT EXISTS only for re-uploads: it pays off when most rows conflict (a third of the time then; a loss otherwise)
        String sql = "with ins as (insert into charges as c (" + COLUMNS + ")"
                + " select s.debt_id, s.name, s.government_id, s.email, s.amount, s.due_date, s.payer_address,"
                + " s.payer_district, s.payer_zip_code, s.payer_city, s.payer_state, s.upload_id from import_range_rows s"
                + (mostlyCharged ? " where not exists (select 1 from charges k where k.debt_id = s.debt_id)" : "")
                + " order by s.debt_id on conflict (debt_id) do nothing returning c.debt_id),"
                + " ob as (insert into invoice_outbox (upload_id, range_no, debt_ids)"
                + " select ?, ?, array_agg(debt_id) from"
                + " (select debt_id, (row_number() over () - 1) / ? as g from ins) n"
                + " group by g returning id, debt_ids)"
                + " select id, debt_ids from ob order by id";
        List<InvoiceOutbox.Batch> batches = new ArrayList<>();
        long inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, uploadId);
            ps.setInt(2, keyRange.rangeNo());
            ps.setInt(3, debtIdsPerMessage);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> ids = Arrays.asList((String[]) rs.getArray(2).getArray());
                    batches.add(new InvoiceOutbox.Batch(rs.getLong(1), ids));
                    inserted += ids.size();
                }
            }
        }
        return new LoadedKeyRange(inserted, batches);
    }

    /**
     * Streams the range's rows into {@code copySql} (columns as {@link #COLUMNS});
     * returns the row count.
     */
    static long copyRows(Connection c, UUID uploadId, RowCursor rows, String copySql, OutboxRows outbox)
            throws SQLException, IOException {
        byte[] tail = ("\t" + uploadId + "\n").getBytes(StandardCharsets.US_ASCII);
        long count = 0;
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), copySql, 1 << 16);
        try (RowCursor cursor = rows) {
            while (cursor.next()) {
                copy.write(CopyText.escaped(cursor.key()));
                copy.write('\t');
                copy.write(cursor.payload());
                copy.write(tail);
                if (outbox != null) {
                    outbox.add(cursor.key());
                }
                count++;
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return count;
    }
}
