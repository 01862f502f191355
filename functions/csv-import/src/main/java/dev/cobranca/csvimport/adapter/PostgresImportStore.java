package dev.cobranca.csvimport.adapter;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.ImportCounts;
import dev.cobranca.csvimport.ImportStore;
import dev.cobranca.csvimport.StoredObject;
import dev.cobranca.csvimport.sort.RowCursor;
import dev.cobranca.postgres.UploadCompletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ImportStore} on PostgreSQL. A key range of sorted rows goes by {@code COPY} straight into charges (rows in
 * the unique index's order: the fastest load there is), falling back, only when a debtId of the range is charged
 * already, to a temporary table and {@code INSERT ... ON CONFLICT DO NOTHING} (measured: the optimistic COPY loads a clean
 * file in about half the time of staging + ON CONFLICT; the unique btree on random keys is what costs).
 */
public final class PostgresImportStore implements ImportStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresImportStore.class);

    private final DataSource dataSource;

    public PostgresImportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ---------------------------------------------------------------- claim

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
        java.sql.Timestamp leaseExpiresAt;
        String phase;
        long total;
        long rejected;
        long staged;
        long accepted;
        long duplicate;
        String error;

        ImportCounts counts() {
            return new ImportCounts(total, rejected, staged, accepted, duplicate);
        }
    }

    private static UploadRow lockUpload(Connection c, StoredObject object) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id, status, etag, lease_owner, coalesce(lease_expires_at > now(), false), lease_expires_at,
                       import_phase, rows_total, rows_rejected, rows_staged, rows_accepted, rows_duplicate, error
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
                row.staged = rs.getLong(10);
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

    // ---------------------------------------------------------------- reading

    @Override
    public void renewLease(UUID uploadId, String owner, Duration lease) {
        inTransaction(c -> {
            renewLease(c, uploadId, owner, lease, 0);
            return null;
        });
    }

    @Override
    public byte[] encode(Debt debt) {
        // without the debtId: the sorted runs keep it as the key, and loading writes it in front
        return CopyText.row(debt.name(), debt.governmentId(), debt.email(), debt.amount().toPlainString(),
                debt.dueDate().toString());
    }

    @Override
    public List<Chunk> planLoad(UUID uploadId, String owner, Duration lease, ReadCounts counts, List<String> bounds,
            RejectedRows rejected) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update uploads set rows_total = ?, rows_rejected = ?, rows_staged = ?, import_phase = 'LOADING',
                           lease_expires_at = now() + ? * interval '1 millisecond'
                     where id = ? and lease_owner = ? and import_phase = 'READING'""")) {
                ps.setLong(1, counts.total());
                ps.setLong(2, counts.rejected());
                ps.setLong(3, counts.valid());
                ps.setLong(4, lease.toMillis());
                ps.setObject(5, uploadId);
                ps.setString(6, owner);
                if (ps.executeUpdate() != 1) {
                    throw new LeaseLostException(uploadId);
                }
            }
            dropImportState(c, uploadId);
            PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                    "copy import_rejected (upload_id, line, reason, row_text) from stdin", 1 << 16);
            try {
                CopyText out = new CopyText(copy);
                String id = uploadId.toString();
                rejected.forEach((line, reason, text) -> {
                    try {
                        out.plain(id).plain(Long.toString(line)).text(reason).text(text.replace("\0", "")).endRow();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                out.flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            List<Chunk> chunks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into import_chunks (upload_id, chunk_no, lower_exclusive, upper_inclusive) values (?, ?, ?, ?)""")) {
                for (int i = 0; i <= bounds.size(); i++) {
                    Chunk chunk = new Chunk(i, i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i));
                    ps.setObject(1, uploadId);
                    ps.setInt(2, chunk.chunkNo());
                    ps.setString(3, chunk.lowerExclusive());
                    ps.setString(4, chunk.upperInclusive());
                    ps.addBatch();
                    chunks.add(chunk);
                }
                ps.executeBatch();
            }
            return chunks;
        });
    }

    // ---------------------------------------------------------------- loading

    @Override
    public List<Chunk> pendingChunks(UUID uploadId) {
        return inTransaction(c -> {
            List<Chunk> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select chunk_no, lower_exclusive, upper_inclusive from import_chunks
                     where upload_id = ? and not done order by chunk_no""")) {
                ps.setObject(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new Chunk(rs.getInt(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return pending;
        });
    }

    @Override
    public int countCharged(List<String> debtIds) {
        if (debtIds.isEmpty()) {
            return 0;
        }
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from charges where debt_id = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", debtIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public LoadedChunk loadChunk(UUID uploadId, String owner, Duration lease, Chunk chunk, ChunkRows rows,
            int debtIdsPerMessage, boolean expectCharged) {
        try {
            if (!expectCharged) {
                try {
                    return inChunkTransaction(uploadId, owner, lease, chunk,
                            c -> copyIntoCharges(c, uploadId, chunk, rows, debtIdsPerMessage));
                } catch (RuntimeException e) {
                    if (!isConflict(e)) {
                        throw e;
                    }
                    // a debtId of this range is charged already (an earlier upload), or another upload loading the
                    // same debtIds deadlocked with this one: the range goes the careful way
                    LOG.info("upload {}: key range {} holds debtIds charged before; loading it through staging",
                            uploadId, chunk.chunkNo());
                }
            }
            return inChunkTransaction(uploadId, owner, lease, chunk,
                    c -> insertThroughStaging(c, uploadId, chunk, rows, debtIdsPerMessage, expectCharged));
        } catch (RuntimeException e) {
            if (!RangeBisection.isDataError(e)) {
                throw e;
            }
            // a row the validator passed and the database refuses: retrying cannot help, so the range is split until
            // the refused rows stand alone; they go to the report, the rest of the range loads
            LOG.warn("upload {}: the database refused a row of key range {} ({}); isolating it", uploadId,
                    chunk.chunkNo(), RangeBisection.sqlState(e));
            return inChunkTransaction(uploadId, owner, lease, chunk,
                    c -> new RangeBisection(c, uploadId, chunk, rows, debtIdsPerMessage).load());
        }
    }

    /** The chunk's work, then the chunk marked done and the lease renewed with the new charges counted, in one transaction. */
    private LoadedChunk inChunkTransaction(UUID uploadId, String owner, Duration lease, Chunk chunk, Work<LoadedChunk> load) {
        return inTransaction(c -> {
            LoadedChunk loaded = load.run(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "update import_chunks set done = true where upload_id = ? and chunk_no = ? and not done")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, chunk.chunkNo());
                if (ps.executeUpdate() != 1) {
                    throw new LeaseLostException(uploadId);
                }
            }
            // last: the upload row is locked only from here to the commit, so parallel sessions barely wait
            renewLease(c, uploadId, owner, lease, loaded.inserted());
            return loaded;
        });
    }

    /**
     * The fast path: COPY straight into charges, rows in index order, and the outbox batches built on the way. Fails
     * with a unique violation, leaving nothing, if one debtId is charged already.
     */
    private static LoadedChunk copyIntoCharges(Connection c, UUID uploadId, Chunk chunk, ChunkRows rows,
            int debtIdsPerMessage) throws SQLException, IOException {
        OutboxRows outbox = new OutboxRows(uploadId, chunk.chunkNo(), debtIdsPerMessage);
        long inserted = copyRows(c, uploadId, rows.open(bytes(chunk.lowerExclusive()), bytes(chunk.upperInclusive())),
                "copy charges (debt_id, name, government_id, email, amount, due_date, upload_id) from stdin", outbox);
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "copy invoice_outbox (upload_id, chunk_no, debt_ids) from stdin", 1 << 16);
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
        List<OutboxBatch> batches = new ArrayList<>(groups.size());
        try (PreparedStatement ps = c.prepareStatement(
                "select id from invoice_outbox where upload_id = ? and chunk_no = ? order by id")) {
            ps.setObject(1, uploadId);
            ps.setInt(2, chunk.chunkNo());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(new OutboxBatch(rs.getLong(1), groups.get(batches.size())));
                }
            }
        }
        if (batches.size() != groups.size()) {
            throw new IllegalStateException("key range " + chunk.chunkNo() + " of upload " + uploadId + " wrote "
                    + groups.size() + " outbox batches but " + batches.size() + " are there");
        }
        return new LoadedChunk(inserted, batches);
    }

    /**
     * The careful path: the range into a temporary table, then into charges in debt_id order skipping what is charged
     * already, the new ids grouped into the outbox as RETURNING gives them (a message's ids need no order).
     */
    private static LoadedChunk insertThroughStaging(Connection c, UUID uploadId, Chunk chunk, ChunkRows rows,
            int debtIdsPerMessage, boolean mostlyCharged) throws SQLException, IOException {
        createStaging(c);
        copyRows(c, uploadId, rows.open(bytes(chunk.lowerExclusive()), bytes(chunk.upperInclusive())), STAGING_COPY, null);
        return insertFromStaging(c, uploadId, chunk, debtIdsPerMessage, mostlyCharged);
    }

    static final String STAGING_COPY =
            "copy import_chunk_rows (debt_id, name, government_id, email, amount, due_date, upload_id) from stdin";

    static void createStaging(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // per session, emptied at each commit; no WAL
            st.execute("""
                    create temp table if not exists import_chunk_rows (debt_id text collate "C" not null, name text not null,
                      government_id text not null, email text not null, amount numeric(12,2) not null,
                      due_date date not null, upload_id uuid not null) on commit delete rows""");
        }
    }

    static byte[] bytes(String bound) {
        return bound == null ? null : dev.cobranca.csvimport.sort.Keys.of(bound);
    }

    /** The staged rows into charges, skipping what is charged already; their outbox batches written and returned. */
    static LoadedChunk insertFromStaging(Connection c, UUID uploadId, Chunk chunk, int debtIdsPerMessage,
            boolean mostlyCharged) throws SQLException {
        if (mostlyCharged) {
            try (Statement st = c.createStatement()) {
                st.execute("analyze import_chunk_rows"); // row estimates for the anti-join's plan
            }
        }
        // NOT EXISTS only for re-uploads: it pays off when most rows conflict (a third of the time then; a loss otherwise)
        String sql = "with ins as (insert into charges as c (debt_id, upload_id, name, government_id, email, amount, due_date)"
                + " select s.debt_id, s.upload_id, s.name, s.government_id, s.email, s.amount, s.due_date from import_chunk_rows s"
                + (mostlyCharged ? " where not exists (select 1 from charges k where k.debt_id = s.debt_id)" : "")
                + " order by s.debt_id on conflict (debt_id) do nothing returning c.debt_id),"
                + " ob as (insert into invoice_outbox (upload_id, chunk_no, debt_ids)"
                + " select ?, ?, array_agg(debt_id) from"
                + " (select debt_id, (row_number() over () - 1) / ? as g from ins) n"
                + " group by g returning id, debt_ids)"
                + " select id, debt_ids from ob order by id";
        List<OutboxBatch> batches = new ArrayList<>();
        long inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, uploadId);
            ps.setInt(2, chunk.chunkNo());
            ps.setInt(3, debtIdsPerMessage);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> ids = Arrays.asList((String[]) rs.getArray(2).getArray());
                    batches.add(new OutboxBatch(rs.getLong(1), ids));
                    inserted += ids.size();
                }
            }
        }
        return new LoadedChunk(inserted, batches);
    }

    /** Streams the range's rows into {@code copySql} (columns as {@link #encode} plus upload_id); returns the row count. */
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

    /** unique_violation, or deadlock_detected (two uploads inserting the same debtIds in opposite orders). */
    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("23505".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void renewLease(Connection c, UUID uploadId, String owner, Duration lease, long accepted)
            throws SQLException {
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

    // ---------------------------------------------------------------- outbox

    @Override
    public List<OutboxBatch> pendingOutbox(UUID uploadId, int limit) {
        return inTransaction(c -> {
            List<OutboxBatch> batches = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, debt_ids from invoice_outbox where upload_id = ? order by id limit ?")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batches.add(new OutboxBatch(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray())));
                    }
                }
            }
            return batches;
        });
    }

    @Override
    public void deleteOutbox(List<Long> ids) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from invoice_outbox where id = any(?)")) {
                Array array = c.createArrayOf("bigint", ids.toArray());
                ps.setArray(1, array);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- the end

    @Override
    public void forEachRejected(UUID uploadId, RejectedRowSink sink) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select line, reason, row_text from import_rejected where upload_id = ? order by line")) {
                ps.setFetchSize(256); // a cursor: the report is streamed, never held (rows of up to 10,000 characters)
                ps.setObject(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.row(rs.getLong(1), rs.getString(2), rs.getString(3));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey) {
        ImportCounts counts = inTransaction(c -> {
            ImportCounts done;
            try (PreparedStatement ps = c.prepareStatement("""
                    update uploads set status = 'IMPORTED', imported_at = now(),
                           rows_duplicate = rows_staged - rows_accepted, rejected_report_key = ?, import_phase = null,
                           lease_owner = null, lease_expires_at = null
                     where id = ? and lease_owner = ?
                    returning rows_total, rows_rejected, rows_staged, rows_accepted, rows_duplicate""")) {
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
            dropImportState(c, uploadId);
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
        dropImportState(c, uploadId);
    }

    private static void dropImportState(Connection c, UUID uploadId) throws SQLException {
        try (PreparedStatement rejected = c.prepareStatement("delete from import_rejected where upload_id = ?");
             PreparedStatement chunks = c.prepareStatement("delete from import_chunks where upload_id = ?")) {
            for (PreparedStatement ps : List.of(rejected, chunks)) {
                ps.setObject(1, uploadId);
                ps.executeUpdate();
            }
        }
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

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
