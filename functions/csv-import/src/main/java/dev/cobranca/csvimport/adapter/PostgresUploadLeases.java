package dev.cobranca.csvimport.adapter;

import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.ImportCounts;
import dev.cobranca.csvimport.LeaseLostException;
import dev.cobranca.csvimport.StoredObject;
import dev.cobranca.csvimport.UploadLeases;
import dev.cobranca.postgres.Transactions;
import dev.cobranca.postgres.UploadCompletion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link UploadLeases} on the uploads table: the row, locked, decides who imports. */
public final class PostgresUploadLeases implements UploadLeases {

    private final DataSource dataSource;

    public PostgresUploadLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Claim claim(StoredObject object, String owner, Duration lease) {
        return inTransaction(c -> {
            UploadRow row = lockUpload(c, object);
            if (row == null) {
                // the API did not announce this object (or its id is taken): give it an upload of its own
                insertUpload(c, object, object.uploadIdFromKey().orElseGet(UUID::randomUUID));
                row = lockUpload(c, object);
                if (row == null) {
                    insertUpload(c, object, UUID.randomUUID());
                    row = lockUpload(c, object);
                }
            }
            UploadStatus status = UploadStatus.valueOf(row.status);
            if (row.etag != null && object.etag() != null && !row.etag.equals(object.etag())) {
                // a second PUT to the upload's URL after its import claimed the first: the import keeps its version
                // (it reads by ETag), this one is only recorded, once per ETag, where GET /uploads/{id} shows it
                try (PreparedStatement ps = c.prepareStatement("""
                        update uploads set overwrite_etags = overwrite_etags || ?::text, overwritten_at = now()
                         where id = ? and not (? = any(overwrite_etags))""")) {
                    ps.setString(1, object.etag());
                    ps.setObject(2, row.id);
                    ps.setString(3, object.etag());
                    ps.executeUpdate();
                }
                if (status == UploadStatus.IMPORTING && !(row.leaseOwner != null && row.leaseValid)) {
                    // the import died and its version is gone: it can never resume, so it ends here, visibly
                    markFailed(c, row.id, row.leaseOwner, VERSION_GONE);
                    return new Finished(row.id, UploadStatus.FAILED, row.counts(), VERSION_GONE);
                }
                return new Overwritten(row.id, status, row.counts(), row.etag);
            }
            if (status == UploadStatus.IMPORTED || status == UploadStatus.COMPLETED || status == UploadStatus.FAILED) {
                return new Finished(row.id, status, row.counts(), row.error);
            }
            if (row.leaseOwner != null && row.leaseValid && !row.leaseOwner.equals(owner)) {
                return new Busy(row.id, row.leaseExpiresAt.toInstant());
            }
            if (row.phase == null) {
                row.phase = Phase.READING.name(); // a READING import that died left nothing behind: it reads again
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update uploads set status = 'IMPORTING', etag = coalesce(etag, ?), bytes = ?,
                           import_started_at = coalesce(import_started_at, now()), import_phase = ?,
                           lease_owner = ?, lease_expires_at = now() + ? * interval '1 millisecond', error = null
                     where id = ?""")) {
                ps.setString(1, object.etag());
                ps.setLong(2, object.size());
                ps.setString(3, row.phase);
                ps.setString(4, owner);
                ps.setLong(5, lease.toMillis());
                ps.setObject(6, row.id);
                ps.executeUpdate();
            }
            return new Acquired(row.id, Phase.valueOf(row.phase), row.counts(), row.etag != null ? row.etag : object.etag());
        });
    }

    private static final class UploadRow {
        UUID id;
        String status;
        String etag;
        String leaseOwner;
        boolean leaseValid;
        Timestamp leaseExpiresAt;
        String phase;
        long total;
        long rejected;
        long valid;
        long accepted;
        long duplicate;
        String error;

        ImportCounts counts() {
            return new ImportCounts(total, rejected, valid, accepted, duplicate);
        }
    }

    private static UploadRow lockUpload(Connection c, StoredObject object) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id, status, etag, lease_owner, coalesce(lease_expires_at > now(), false), lease_expires_at,
                       import_phase, rows_total, rows_rejected, rows_valid, rows_accepted, rows_duplicate, error
                  from uploads where bucket = ? and object_key = ? for update""")) {
            ps.setString(1, object.bucket());
            ps.setString(2, object.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                UploadRow row = new UploadRow();
                row.id = rs.getObject(1, UUID.class);
                row.status = rs.getString(2);
                row.etag = rs.getString(3);
                row.leaseOwner = rs.getString(4);
                row.leaseValid = rs.getBoolean(5);
                row.leaseExpiresAt = rs.getTimestamp(6);
                row.phase = rs.getString(7);
                row.total = rs.getLong(8);
                row.rejected = rs.getLong(9);
                row.valid = rs.getLong(10);
                row.accepted = rs.getLong(11);
                row.duplicate = rs.getLong(12);
                row.error = rs.getString(13);
                return row;
            }
        }
    }

    private static void insertUpload(Connection c, StoredObject object, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into uploads (id, bucket, object_key, etag, file_name, content_length, bytes)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            ps.setObject(1, id);
            ps.setString(2, object.bucket());
            ps.setString(3, object.key());
            ps.setString(4, object.etag());
            ps.setString(5, object.fileName());
            ps.setLong(6, object.size());
            ps.setLong(7, object.size());
            ps.executeUpdate();
        }
    }

    @Override
    public void renewLease(UUID uploadId, String owner, Duration lease) {
        inTransaction(c -> {
            ImportState.renewLease(c, uploadId, owner, lease, 0);
            return null;
        });
    }

    @Override
    public ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey) {
        ImportCounts counts = inTransaction(c -> {
            ImportCounts done;
            try (PreparedStatement ps = c.prepareStatement("""
                    update uploads set status = 'IMPORTED', imported_at = now(),
                           rows_duplicate = rows_valid - rows_accepted, rejected_report_key = ?, import_phase = null,
                           lease_owner = null, lease_expires_at = null
                     where id = ? and lease_owner = ?
                    returning rows_total, rows_rejected, rows_valid, rows_accepted, rows_duplicate""")) {
                // rows_accepted grew with each key range, in the transaction that inserted its charges: exact, and
                // no count over a million fresh index entries
                ps.setString(1, rejectedReportKey);
                ps.setObject(2, uploadId);
                ps.setString(3, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new LeaseLostException(uploadId);
                    }
                    done = new ImportCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
            ImportState.drop(c, uploadId);
            return done;
        });
        inTransaction(c -> UploadCompletion.completeIfDone(c, uploadId));
        return counts;
    }

    @Override
    public void fail(UUID uploadId, String owner, String error) {
        inTransaction(c -> {
            markFailed(c, uploadId, owner, error);
            return null;
        });
    }

    private static void markFailed(Connection c, UUID uploadId, String owner, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update uploads set status = 'FAILED', error = ?, imported_at = now(), import_phase = null,
                       lease_owner = null, lease_expires_at = null
                 where id = ? and lease_owner is not distinct from ?""")) {
            ps.setString(1, error);
            ps.setObject(2, uploadId);
            ps.setString(3, owner);
            if (ps.executeUpdate() != 1) {
                throw new LeaseLostException(uploadId);
            }
        }
        ImportState.drop(c, uploadId);
    }

    @Override
    public void release(UUID uploadId, String owner) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update uploads set lease_owner = null, lease_expires_at = null where id = ? and lease_owner = ?")) {
                ps.setObject(1, uploadId);
                ps.setString(2, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        return ImportState.inTransaction(dataSource, work);
    }
}
