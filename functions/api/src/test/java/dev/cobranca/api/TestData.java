package dev.cobranca.api;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Rows as the import would leave them, written with plain JDBC. */
final class TestData {

    private TestData() {
    }

    static UUID upload(DataSource ds, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        sql(ds, "insert into uploads (id, bucket, object_key, status) values ('" + id + "', 'cobranca-it', 'uploads/" + id
                + ".csv', '" + status + "')");
        return id;
    }

    static void charges(DataSource ds, UUID uploadId, List<String> debtIds, String status) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status)
                values (?, ?, 'John Doe', '11111111111', 'johndoe@kanastra.com.br', ?, ?, ?)""")) {
            for (String debtId : debtIds) {
                ps.setString(1, debtId);
                ps.setObject(2, uploadId);
                ps.setBigDecimal(3, new BigDecimal("1000000.00"));
                ps.setObject(4, LocalDate.of(2022, 10, 12));
                ps.setString(5, status);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void sql(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static Object value(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }
}
