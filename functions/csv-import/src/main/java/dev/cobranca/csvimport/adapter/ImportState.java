package dev.cobranca.csvimport.adapter;

import dev.cobranca.csvimport.LeaseLostException;
import dev.cobranca.postgres.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the import's adapters share: their transaction (a database failure as one unchecked exception), the fenced
 * lease renewal, and the end of an import's plan rows.
 */
final class ImportState {

    private ImportState() {
    }

    /** One transaction; a database failure comes out unchecked, with PostgreSQL's message. */
    static <T> T inTransaction(DataSource dataSource, Transactions.Work<T> work) {
        try {
            return Transactions.call(dataSource, work);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** Renews the caller's lease and counts {@code accepted} new charges; fails if another invocation holds it. */
    static void renewLease(Connection c, UUID uploadId, String owner, Duration lease, long accepted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update uploads set lease_expires_at = now() + ? * interval '1 millisecond', rows_accepted = rows_accepted + ?
                 where id = ? and lease_owner = ?""")) {
            ps.setLong(1, lease.toMillis());
            ps.setLong(2, accepted);
            ps.setObject(3, uploadId);
            ps.setString(4, owner);
            if (ps.executeUpdate() != 1) {
                throw new LeaseLostException(uploadId);
            }
        }
    }

    /** Deletes the upload's plan: its key ranges (a new plan, or the import's end, once the report is written). */
    static void drop(Connection c, UUID uploadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from import_key_ranges where upload_id = ?")) {
            ps.setObject(1, uploadId);
            ps.executeUpdate();
        }
    }
}
