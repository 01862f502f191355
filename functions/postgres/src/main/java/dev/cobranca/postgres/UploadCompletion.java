package dev.cobranca.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Marks an upload COMPLETED once it is IMPORTED and none of its charges still waits for a boleto or an e-mail.
 * Called by whoever may have moved the last charge (the import when it enqueued nothing, invoice on a failure,
 * e-mail after sending); the conditional UPDATE makes concurrent callers safe.
 */
public final class UploadCompletion {

    private static final String SQL = """
            update uploads set status = 'COMPLETED', completed_at = now()
             where id = ? and status = 'IMPORTED'
               and not exists (select 1 from charges
                                where upload_id = ? and status in ('CREATED', 'INVOICED'))
            """;

    private UploadCompletion() {
    }

    /** @return true when this call completed the upload */
    public static boolean completeIfDone(Connection connection, UUID uploadId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setObject(1, uploadId);
            ps.setObject(2, uploadId);
            return ps.executeUpdate() == 1;
        }
    }
}
