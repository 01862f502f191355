package dev.cobranca.api.adapter;

import dev.cobranca.api.model.Charge;
import dev.cobranca.core.charge.ChargeStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The charges columns the API reads, and how a row becomes a {@link Charge}. */
final class ChargeRows {

    static final String COLUMNS = """
            seq, debt_id, upload_id, name, government_id, email, amount, due_date, status, barcode, digitable_line,
            invoice_key, attempts, last_error, created_at, invoiced_at, emailed_at, paid_at, paid_amount, paid_by,
            payment_mismatch""";

    private ChargeRows() {
    }

    static Charge read(ResultSet rs) throws SQLException {
        return new Charge(
                rs.getLong("seq"),
                rs.getString("debt_id"),
                rs.getObject("upload_id", UUID.class),
                rs.getString("name"),
                rs.getString("government_id"),
                rs.getString("email"),
                rs.getBigDecimal("amount"),
                rs.getObject("due_date", LocalDate.class),
                ChargeStatus.valueOf(rs.getString("status")),
                rs.getString("barcode"),
                rs.getString("digitable_line"),
                rs.getString("invoice_key"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs, "created_at"),
                instant(rs, "invoiced_at"),
                instant(rs, "emailed_at"),
                instant(rs, "paid_at"),
                rs.getBigDecimal("paid_amount"),
                rs.getString("paid_by"),
                rs.getBoolean("payment_mismatch"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
