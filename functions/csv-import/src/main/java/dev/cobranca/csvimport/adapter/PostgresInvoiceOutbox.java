package dev.cobranca.csvimport.adapter;

import dev.cobranca.csvimport.InvoiceOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link InvoiceOutbox} on the invoice_outbox table (its rows are written by {@link PostgresChargeLoader}). */
public final class PostgresInvoiceOutbox implements InvoiceOutbox {

    private final DataSource dataSource;

    public PostgresInvoiceOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Batch> pending(UUID uploadId, int limit) {
        return ImportState.inTransaction(dataSource, c -> {
            List<Batch> batches = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, debt_ids from invoice_outbox where upload_id = ? order by id limit ?")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batches.add(new Batch(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray())));
                    }
                }
            }
            return batches;
        });
    }

    @Override
    public void delete(List<Long> ids) {
        ImportState.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from invoice_outbox where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }
}
