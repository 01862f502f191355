package dev.cobranca.csvimport.adapter;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.importing.CsvPosition;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.ImportCounts;
import dev.cobranca.csvimport.ImportStore;
import dev.cobranca.csvimport.StoredObject;
import dev.cobranca.postgres.UploadCompletion;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@link ImportStore} on PostgreSQL. Valid rows go by {@code COPY} into an unlogged per-upload staging table (no
 * index: the fastest COPY); loading moves them into charges one debt_id range at a time, sorted with the C collation
 * of the unique index (inserting in index order is what makes the load fast), {@code ON CONFLICT DO NOTHING}
 * skipping debtIds already charged. See NOTES.md, "PostgreSQL bulk load".
 */
public final class PostgresImportStore implements ImportStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresImportStore.class);

    private static final int BOUNDS_SAMPLE_ROWS = 50_000;

    private final DataSource dataSource;

    public PostgresImportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String stagingTable(UUID uploadId) {
        return "import_staging_" + uploadId.toString().replace("-", "");
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
            if (status == UploadStatus.IMPORTED || status == UploadStatus.COMPLETED || status == UploadStatus.FAILED) {
                return new Finished(row.id, status, row.counts(), row.error);
            }
            if (status == UploadStatus.IMPORTING && row.etag != null && object.etag() != null && !row.etag.equals(object.etag())) {
                String error = "the object was replaced while it was being imported; upload it again under a new key";
                markFailed(c, row.id, row.leaseOwner, error);
                return new Finished(row.id, UploadStatus.FAILED, row.counts(), error);
            }
            if (row.leaseOwner != null && row.leaseValid && !row.leaseOwner.equals(owner)) {
                return new Busy(row.id, row.leaseExpiresAt.toInstant());
            }
            if (row.phase == null) {
                createStaging(c, row.id);
                row.phase = Phase.STAGING.name();
            } else if (!stagingIntact(c, row)) {
                LOG.warn("upload {}: staging data lost (database restart?); restarting its import from the first row", row.id);
                resetStaging(c, row.id);
                row = lockUpload(c, object);
                row.phase = Phase.STAGING.name();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update uploads set status = 'IMPORTING', etag = coalesce(?, etag), bytes = ?,
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
            CsvPosition position = row.resumeRow == 0 && row.resumeByteOffset == 0
                    ? null
                    : new CsvPosition(row.resumeByteOffset, row.resumeLine, row.resumeRow);
            return new Acquired(row.id, Phase.valueOf(row.phase), position, row.counts());
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
        long resumeByteOffset;
        long resumeLine;
        long resumeRow;
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
                       import_phase, resume_byte_offset, resume_line, resume_row,
                       rows_total, rows_rejected, rows_staged, rows_accepted, rows_duplicate, error
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
                row.resumeByteOffset = rs.getLong(8);
                row.resumeLine = rs.getLong(9);
                row.resumeRow = rs.getLong(10);
                row.total = rs.getLong(11);
                row.rejected = rs.getLong(12);
                row.staged = rs.getLong(13);
                row.accepted = rs.getLong(14);
                row.duplicate = rs.getLong(15);
                row.error = rs.getString(16);
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

    private static void createStaging(Connection c, UUID uploadId) throws SQLException {
        try (Statement st = c.createStatement()) {
            // unlogged: no WAL for rows that live minutes; a crash empties it, which stagingIntact() notices
            st.execute("drop table if exists " + stagingTable(uploadId));
            st.execute("create unlogged table " + stagingTable(uploadId) + """
                     (line bigint not null, debt_id text collate "C" not null, name text not null,
                      government_id text not null, email text not null, amount numeric(12,2) not null,
                      due_date date not null)""");
        }
    }

    private static boolean stagingIntact(Connection c, UploadRow row) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('" + stagingTable(row.id) + "') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        if (row.staged == 0) {
            return true;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + stagingTable(row.id))) {
            rs.next();
            return rs.getLong(1) == row.staged;
        }
    }

    private static void resetStaging(Connection c, UUID uploadId) throws SQLException {
        createStaging(c, uploadId);
        try (PreparedStatement rejected = c.prepareStatement("delete from import_rejected where upload_id = ?");
             PreparedStatement chunks = c.prepareStatement("delete from import_chunks where upload_id = ?");
             PreparedStatement upload = c.prepareStatement("""
                     update uploads set import_phase = 'STAGING', resume_byte_offset = 0, resume_line = 1, resume_row = 0,
                            rows_total = 0, rows_rejected = 0, rows_staged = 0 where id = ?""")) {
            for (PreparedStatement ps : List.of(rejected, chunks, upload)) {
                ps.setObject(1, uploadId);
                ps.executeUpdate();
            }
        }
    }

    // ---------------------------------------------------------------- phase one: staging

    @Override
    public StagingBatch beginBatch(UUID uploadId, String owner, Duration lease, CsvPosition from) {
        try {
            return new PostgresStagingBatch(dataSource.getConnection(), uploadId, owner, lease, from);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a batch for upload " + uploadId, e);
        }
    }

    private static final class PostgresStagingBatch implements StagingBatch {

        private final Connection c;
        private final UUID uploadId;
        private final String owner;
        private final Duration lease;
        private final CsvPosition from;
        private final PGCopyOutputStream copy;
        private final CopyText rows;
        private Path rejectedFile;
        private OutputStream rejectedOut;
        private CopyText rejected;
        private boolean committed;

        PostgresStagingBatch(Connection c, UUID uploadId, String owner, Duration lease, CsvPosition from)
                throws SQLException {
            this.c = c;
            this.uploadId = uploadId;
            this.owner = owner;
            this.lease = lease;
            this.from = from;
            try {
                c.setAutoCommit(false);
                this.copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "copy " + stagingTable(uploadId)
                        + " (line, debt_id, name, government_id, email, amount, due_date) from stdin", 1 << 16);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c, e);
                throw e;
            }
            this.rows = new CopyText(copy);
        }

        @Override
        public void accept(long line, Debt debt) {
            try {
                rows.plain(Long.toString(line)).text(debt.debtId()).text(debt.name()).text(debt.governmentId())
                        .text(debt.email()).plain(debt.amount().toPlainString()).plain(debt.dueDate().toString())
                        .endRow();
            } catch (IOException e) {
                throw new UncheckedIOException("COPY into staging failed for upload " + uploadId, e);
            }
        }

        @Override
        public void reject(long line, String reason, String text) {
            try {
                if (rejected == null) {
                    // kept on disk, not in memory: a batch of a badly broken file may be all rejects
                    rejectedFile = Files.createTempFile("rejected-batch-", ".copy");
                    rejectedOut = new BufferedOutputStream(Files.newOutputStream(rejectedFile), 1 << 16);
                    rejected = new CopyText(rejectedOut);
                }
                rejected.plain(uploadId.toString()).plain(Long.toString(line)).text(reason).text(text.replace("\0", ""))
                        .endRow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void commit(CsvPosition after, long rowCount, long rejectedCount, boolean last) {
            try {
                rows.flush();
                copy.close();
                if (rejected != null) {
                    rejected.flush();
                    rejectedOut.close();
                    try (InputStream in = Files.newInputStream(rejectedFile)) {
                        c.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn("copy import_rejected (upload_id, line, reason, row_text) from stdin", in, 1 << 16);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        update uploads set resume_byte_offset = ?, resume_line = ?, resume_row = ?,
                               rows_total = rows_total + ?, rows_rejected = rows_rejected + ?, rows_staged = rows_staged + ?,
                               import_phase = case when ? then 'LOADING' else import_phase end,
                               lease_expires_at = now() + ? * interval '1 millisecond'
                         where id = ? and lease_owner = ? and resume_row = ? and import_phase = 'STAGING'""")) {
                    ps.setLong(1, after.byteOffset());
                    ps.setLong(2, after.nextLine());
                    ps.setLong(3, after.records());
                    ps.setLong(4, rowCount);
                    ps.setLong(5, rejectedCount);
                    ps.setLong(6, rowCount - rejectedCount);
                    ps.setBoolean(7, last);
                    ps.setLong(8, lease.toMillis());
                    ps.setObject(9, uploadId);
                    ps.setString(10, owner);
                    ps.setLong(11, from.records());
                    if (ps.executeUpdate() != 1) {
                        throw new LeaseLostException(uploadId);
                    }
                }
                c.commit();
                committed = true;
            } catch (SQLException e) {
                throw new IllegalStateException("could not commit a batch of upload " + uploadId, e);
            } catch (IOException e) {
                throw new UncheckedIOException("could not commit a batch of upload " + uploadId, e);
            }
        }

        @Override
        public void close() {
            try {
                if (!committed) {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                    c.rollback();
                }
            } catch (SQLException e) {
                LOG.warn("rollback of an aborted batch of upload {} failed", uploadId, e);
            } finally {
                closeQuietly(c, null);
                if (rejectedFile != null) {
                    try {
                        rejectedOut.close();
                        Files.deleteIfExists(rejectedFile);
                    } catch (IOException e) {
                        LOG.warn("could not delete {}", rejectedFile, e);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- phase two: loading

    @Override
    public List<Chunk> pendingChunks(UUID uploadId, String owner, Duration lease, int rowsPerChunk) {
        return inTransaction(c -> {
            List<Chunk> pending = new ArrayList<>();
            boolean planned = false;
            try (PreparedStatement ps = c.prepareStatement("""
                    select chunk_no, lower_exclusive, upper_inclusive, done from import_chunks
                     where upload_id = ? order by chunk_no""")) {
                ps.setObject(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        planned = true;
                        if (!rs.getBoolean(4)) {
                            pending.add(new Chunk(rs.getInt(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
            if (planned) {
                return pending;
            }
            long staged;
            try (PreparedStatement ps = c.prepareStatement("select rows_staged from uploads where id = ?")) {
                ps.setObject(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    staged = rs.getLong(1);
                }
            }
            List<String> bounds = new ArrayList<>();
            int ranges = (int) Math.max(1, (staged + rowsPerChunk - 1) / rowsPerChunk);
            if (ranges > 1) {
                Double[] fractions = new Double[ranges - 1];
                for (int i = 1; i < ranges; i++) {
                    fractions[i - 1] = (double) i / ranges;
                }
                // bounds from a sample of ~50k rows: ranges need only be about even, and sorting every staged row
                // for them cost seconds
                double percent = Math.min(100.0, 100.0 * BOUNDS_SAMPLE_ROWS / staged);
                try (PreparedStatement ps = c.prepareStatement("select percentile_disc(?::float8[]) within group (order by debt_id) from "
                        + stagingTable(uploadId) + (percent < 100 ? " tablesample bernoulli (" + percent + ")" : ""))) {
                    ps.setArray(1, c.createArrayOf("float8", fractions));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Array array = rs.getArray(1);
                        for (String bound : array == null ? new String[0] : (String[]) array.getArray()) {
                            if (bound != null && (bounds.isEmpty() || !bounds.getLast().equals(bound))) {
                                bounds.add(bound);
                            }
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into import_chunks (upload_id, chunk_no, lower_exclusive, upper_inclusive) values (?, ?, ?, ?)""")) {
                for (int i = 0; i <= bounds.size(); i++) {
                    Chunk chunk = new Chunk(i, i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i));
                    ps.setObject(1, uploadId);
                    ps.setInt(2, chunk.chunkNo());
                    ps.setString(3, chunk.lowerExclusive());
                    ps.setString(4, chunk.upperInclusive());
                    ps.addBatch();
                    pending.add(chunk);
                }
                ps.executeBatch();
            }
            renewLease(c, uploadId, owner, lease, 0);
            return pending;
        });
    }

    @Override
    public boolean mostlyKnown(UUID uploadId) {
        return inTransaction(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*), count(*) filter (where exists "
                         + "(select 1 from charges c where c.debt_id = s.debt_id)) from (select debt_id from "
                         + stagingTable(uploadId) + " limit 1000) s")) {
                rs.next();
                boolean known = rs.getLong(2) * 2 > rs.getLong(1);
                if (known) {
                    st.execute("analyze " + stagingTable(uploadId)); // row estimates for the anti-join's plan
                }
                return known;
            }
        });
    }

    @Override
    public long loadChunk(UUID uploadId, String owner, Duration lease, Chunk chunk, int debtIdsPerMessage,
            boolean filterKnown) {
        String range = (chunk.lowerExclusive() == null ? "" : " and s.debt_id > ?")
                + (chunk.upperInclusive() == null ? "" : " and s.debt_id <= ?");
        // Ordered by debt_id (C collation, as the index) so the unique index is walked in order; by line next, so
        // the first occurrence in the file wins. NOT EXISTS only for re-uploads: it pays off when most rows conflict.
        // The new ids go to the outbox in groups of debtIdsPerMessage, in whatever order RETURNING gives them: a
        // message's ids need no order, and sorting them again cost more than the grouping.
        String sql = "with ins as (insert into charges as c (debt_id, upload_id, name, government_id, email, amount, due_date)"
                + " select s.debt_id, ?, s.name, s.government_id, s.email, s.amount, s.due_date from "
                + stagingTable(uploadId) + " s where true" + range
                + (filterKnown ? " and not exists (select 1 from charges k where k.debt_id = s.debt_id)" : "")
                + " order by s.debt_id, s.line on conflict (debt_id) do nothing returning c.debt_id),"
                + " ob as (insert into invoice_outbox (upload_id, chunk_no, debt_ids)"
                + " select ?, ?, array_agg(debt_id) from"
                + " (select debt_id, (row_number() over () - 1) / ? as g from ins) n"
                + " group by g returning cardinality(debt_ids) as n)"
                + " select coalesce(sum(n), 0) from ob";
        return inTransaction(c -> {
            long inserted;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setObject(i++, uploadId);
                if (chunk.lowerExclusive() != null) {
                    ps.setString(i++, chunk.lowerExclusive());
                }
                if (chunk.upperInclusive() != null) {
                    ps.setString(i++, chunk.upperInclusive());
                }
                ps.setObject(i++, uploadId);
                ps.setInt(i++, chunk.chunkNo());
                ps.setInt(i, debtIdsPerMessage);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inserted = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update import_chunks set done = true where upload_id = ? and chunk_no = ? and not done")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, chunk.chunkNo());
                if (ps.executeUpdate() != 1) {
                    throw new LeaseLostException(uploadId);
                }
            }
            // last: the upload row is locked only from here to the commit, so parallel sessions barely wait
            renewLease(c, uploadId, owner, lease, inserted);
            return inserted;
        });
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
    public List<OutboxBatch> chunkOutbox(UUID uploadId, int chunkNo, long afterId, int limit) {
        return inTransaction(c -> {
            List<OutboxBatch> batches = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, debt_ids from invoice_outbox where upload_id = ? and chunk_no = ? and id > ?
                     order by id limit ?""")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, chunkNo);
                ps.setLong(3, afterId);
                ps.setInt(4, limit);
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
                ps.setFetchSize(1_000); // a cursor: the report is streamed, never held
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
            dropStaging(c, uploadId);
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
        dropStaging(c, uploadId);
    }

    private static void dropStaging(Connection c, UUID uploadId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("drop table if exists " + stagingTable(uploadId));
        }
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

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
