package dev.cobranca.invoice.adapter;

import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.invoice.ChargeStore;
import dev.cobranca.postgres.Transactions;
import dev.cobranca.postgres.UploadCompletion;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link ChargeStore} on the {@code charges} table. Each method is one short transaction; writes go as arrays, one statement per call. */
public final class PostgresChargeStore implements ChargeStore {

    private static final String FIND = """
            select debt_id, seq, upload_id, name, government_id, amount, due_date, status
              from charges where debt_id = any (?)
            """;
    private static final String MARK_INVOICED = """
            update charges c
               set status = 'INVOICED', barcode = v.barcode, digitable_line = v.digitable_line,
                   invoice_key = v.invoice_key, nosso_numero = v.nosso_numero, boleto_due_date = v.boleto_due_date::date,
                   invoiced_at = now(), last_error = null
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as v (debt_id, barcode, digitable_line, invoice_key, nosso_numero, boleto_due_date)
             where c.debt_id = v.debt_id and c.status = 'CREATED'
            """;
    private static final String MARK_FAILED = """
            update charges c
               set status = 'FAILED', last_error = v.reason, attempts = c.attempts + 1
              from unnest(?::text[], ?::text[]) as v (debt_id, reason)
             where c.debt_id = v.debt_id and c.status = 'CREATED'
            """;
    private static final String INVOICED = """
            select upload_id, debt_id from charges
             where debt_id = any (?) and status = 'INVOICED'
             order by upload_id, seq
            """;
    private static final String DONE_INVOICING = """
            select u.id from uploads u
             where u.id = any (?) and u.status in ('IMPORTED', 'COMPLETED')
               and not exists (select 1 from charges c where c.upload_id = u.id and c.status = 'CREATED')
            """;
    /** last_error is for people reading a charge: long PDFBox messages are cut. */
    private static final int MAX_ERROR = 1000;

    private final DataSource dataSource;

    public PostgresChargeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Charge> find(Collection<String> debtIds) {
        if (debtIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setArray(1, texts(c, debtIds));
            List<Charge> found = new ArrayList<>(debtIds.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Charge(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6), rs.getObject(7, java.time.LocalDate.class),
                            ChargeStatus.valueOf(rs.getString(8))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading charges failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void markInvoiced(List<Invoiced> invoiced) {
        if (invoiced.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_INVOICED)) {
            ps.setArray(1, texts(c, invoiced.stream().map(Invoiced::debtId).toList()));
            ps.setArray(2, texts(c, invoiced.stream().map(Invoiced::barcode).toList()));
            ps.setArray(3, texts(c, invoiced.stream().map(Invoiced::digitableLine).toList()));
            ps.setArray(4, texts(c, invoiced.stream().map(Invoiced::invoiceKey).toList()));
            ps.setArray(5, texts(c, invoiced.stream().map(Invoiced::nossoNumero).toList()));
            ps.setArray(6, texts(c, invoiced.stream().map(i -> i.boletoDueDate().toString()).toList()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("marking charges INVOICED failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void markFailed(List<Failed> failed) {
        if (failed.isEmpty()) {
            return;
        }
        try {
            Transactions.run(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(MARK_FAILED)) {
                    ps.setArray(1, texts(c, failed.stream().map(Failed::debtId).toList()));
                    ps.setArray(2, texts(c, failed.stream().map(f -> truncate(f.reason())).toList()));
                    ps.executeUpdate();
                }
                // A failed charge may have been the last one the upload waited for.
                for (UUID uploadId : new TreeSet<>(failed.stream().map(Failed::uploadId).toList())) {
                    UploadCompletion.completeIfDone(c, uploadId);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("marking charges FAILED failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<UUID, List<String>> invoiced(Collection<String> debtIds) {
        if (debtIds.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INVOICED)) {
            ps.setArray(1, texts(c, debtIds));
            Map<UUID, List<String>> byUpload = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byUpload.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return byUpload;
        } catch (SQLException e) {
            throw new IllegalStateException("reading invoiced charges failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<UUID> doneInvoicing(Collection<UUID> uploadIds) {
        if (uploadIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DONE_INVOICING)) {
            ps.setArray(1, c.createArrayOf("uuid", uploadIds.toArray()));
            List<UUID> done = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getObject(1, UUID.class));
                }
            }
            return done;
        } catch (SQLException e) {
            throw new IllegalStateException("reading uploads' invoicing progress failed: " + e.getMessage(), e);
        }
    }

    private static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
    }
}
