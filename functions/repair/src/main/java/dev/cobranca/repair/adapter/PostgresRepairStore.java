package dev.cobranca.repair.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.core.charge.EmailAfter;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.postgres.Transactions;
import dev.cobranca.postgres.UploadCompletion;
import dev.cobranca.repair.RepairReport;
import dev.cobranca.repair.RepairStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link RepairStore} on uploads, charges, invoice_outbox, repair_runs and upload_repairs. */
public final class PostgresRepairStore implements RepairStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MARK_BATCH = 10_000;

    /**
     * An import that keeps failing is delivered at most this many times (an hour of 5-minute runs): each delivery that
     * fails leaves its event in the import's dead-letter queue, where the repair counts it.
     */
    static final int MAX_IMPORT_RESTARTS = 12;

    private static final String IMPORTS_TO_RESTART = """
            select u.id, u.bucket, u.object_key, u.status from uploads u
              left join upload_repairs r on r.upload_id = u.id
             where ((u.status = 'IMPORTING' and (u.lease_expires_at is null or u.lease_expires_at < now()))
                 or (u.status = 'WAITING' and u.created_at < now() - ? * interval '1 second'))
               and coalesce(r.imports_restarted, 0) < """ + MAX_IMPORT_RESTARTS + """
             order by u.created_at
             limit ?
            """;

    /*
     * Through charges_upload_status_idx, upload by upload. IMPORTED: the import drained its outbox before finishing
     * (the NOT EXISTS guards a row it may still hold); an e-mail claim in force is a sender at work.
     */
    private static final String STALE_CREATED = """
            select c.upload_id, c.debt_id from uploads u
              join charges c on c.upload_id = u.id and c.status = 'CREATED'
             where u.id = any (?) and u.status = 'IMPORTED'
               and not exists (select 1 from invoice_outbox o where o.upload_id = u.id)
               and c.created_at < now() - ? * interval '1 second'
               and (c.repair_enqueued_at is null or c.repair_enqueued_at < now() - ? * interval '1 second')
             order by c.upload_id, c.debt_id
             limit ?
            """;
    private static final String STALE_INVOICED = """
            select c.upload_id, c.debt_id from uploads u
              join charges c on c.upload_id = u.id and c.status = 'INVOICED'
             where u.id = any (?) and u.status = 'IMPORTED'
               and c.invoiced_at < now() - ? * interval '1 second'
               and (c.email_claim_until is null or c.email_claim_until < now())
               and (c.repair_enqueued_at is null or c.repair_enqueued_at < now() - ? * interval '1 second')
               -- EMAIL_AFTER=BANK_CONFIRMED: a title the bank has not confirmed waits for the bank, not for a message
               and (not ? or c.bank_status = 'CONFIRMED')
             order by c.upload_id, c.debt_id
             limit ?
            """;
    /** Counted through charges_upload_status_idx: only the upload's entries in each state are read. */
    private static final String PROGRESS = """
            select u.id,
                   (select count(*) from charges c where c.upload_id = u.id and c.status = 'CREATED'),
                   (select count(*) from charges c where c.upload_id = u.id and c.status = 'EMAILED'),
                   r.created_left, r.emailed_done
              from uploads u
              left join upload_repairs r on r.upload_id = u.id
             where u.status = 'IMPORTED'
            """;
    private static final String WAITING = """
            select c.upload_id,
                   count(*) filter (where c.status = 'CREATED'),
                   count(*) filter (where c.status = 'INVOICED')
              from uploads u
              join charges c on c.upload_id = u.id and c.status in ('CREATED', 'INVOICED')
             where u.status in ('IMPORTING', 'IMPORTED')
               and coalesce(c.invoiced_at, c.created_at) < now() - ? * interval '1 second'
             group by c.upload_id
            """;
    private static final String FAILED_BY_REASON = """
            select split_part(coalesce(c.last_error, 'no reason recorded'), E'\\n', 1) as reason, count(*)
              from uploads u
              join charges c on c.upload_id = u.id and c.status = 'FAILED'
             where u.created_at > now() - ? * interval '1 second'
             group by 1 order by 2 desc, 1 limit 20
            """;

    private final DataSource dataSource;
    private final EmailAfter emailAfter;

    /** @param emailAfter {@code EMAIL_AFTER}: with BANK_CONFIRMED only confirmed titles wait for an e-mail message */
    public PostgresRepairStore(DataSource dataSource, EmailAfter emailAfter) {
        this.dataSource = dataSource;
        this.emailAfter = emailAfter;
    }

    public PostgresRepairStore(DataSource dataSource) {
        this(dataSource, EmailAfter.INVOICED);
    }

    @Override
    public List<UploadToImport> importsToRestart(Duration waitingAge, int limit) {
        return query(IMPORTS_TO_RESTART, "finding imports to restart", ps -> {
            ps.setLong(1, waitingAge.toSeconds());
            ps.setInt(2, limit);
        }, rs -> new UploadToImport(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                UploadStatus.valueOf(rs.getString(4))));
    }

    @Override
    public Map<UUID, Progress> progress() {
        Map<UUID, Progress> out = new LinkedHashMap<>();
        query(PROGRESS, "reading progress", ps -> { }, rs -> {
            Counts previous = rs.getObject(4) == null || rs.getObject(5) == null ? null : new Counts(rs.getLong(4), rs.getLong(5));
            out.put(rs.getObject(1, UUID.class), new Progress(new Counts(rs.getLong(2), rs.getLong(3)), previous));
            return null;
        });
        return out;
    }

    @Override
    public List<StaleCharge> staleCharges(Stage stage, Collection<UUID> uploadIds, Duration stale, int limit) {
        List<StaleCharge> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(stage == Stage.INVOICE ? STALE_CREATED : STALE_INVOICED)) {
            ps.setArray(1, c.createArrayOf("uuid", uploadIds.toArray()));
            ps.setLong(2, stale.toSeconds());
            ps.setLong(3, stale.toSeconds());
            if (stage == Stage.INVOICE) {
                ps.setInt(4, limit);
            } else {
                ps.setBoolean(4, emailAfter == EmailAfter.BANK_CONFIRMED);
                ps.setInt(5, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StaleCharge(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("finding stale charges failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void markRequeued(Collection<String> debtIds) {
        List<String> ids = new ArrayList<>(debtIds);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update charges set repair_enqueued_at = now() where debt_id = any (?)")) {
            for (int from = 0; from < ids.size(); from += MARK_BATCH) {
                ps.setArray(1, c.createArrayOf("text", ids.subList(from, Math.min(ids.size(), from + MARK_BATCH)).toArray()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording re-enqueued charges failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int completeDoneUploads() {
        List<UUID> imported = query("select id from uploads where status = 'IMPORTED' order by id", "listing IMPORTED uploads",
                ps -> { }, rs -> rs.getObject(1, UUID.class));
        int completed = 0;
        try (Connection c = dataSource.getConnection()) {
            for (UUID id : imported) {
                if (UploadCompletion.completeIfDone(c, id)) {
                    completed++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("completing uploads failed: " + e.getMessage(), e);
        }
        return completed;
    }

    @Override
    public Map<UUID, Waiting> waiting(Duration stale) {
        Map<UUID, Waiting> out = new LinkedHashMap<>();
        query(WAITING, "counting waiting charges", ps -> ps.setLong(1, stale.toSeconds()), rs -> {
            out.put(rs.getObject(1, UUID.class), new Waiting(rs.getLong(2), rs.getLong(3)));
            return null;
        });
        return out;
    }

    @Override
    public Map<String, Long> failedByReason(Duration window) {
        Map<String, Long> out = new LinkedHashMap<>();
        query(FAILED_BY_REASON, "counting failed charges", ps -> ps.setLong(1, window.toSeconds()), rs -> {
            out.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        return out;
    }

    @Override
    public long failedUploads(Duration window) {
        return query("select count(*) from uploads where status = 'FAILED' and created_at > now() - ? * interval '1 second'",
                "counting failed uploads", ps -> ps.setLong(1, window.toSeconds()), rs -> rs.getLong(1)).getFirst();
    }

    @Override
    public void record(RepairReport report, Map<UUID, UploadFindings> perUpload) {
        try {
            Transactions.run(dataSource, c -> {
                insertRun(c, report);
                upsertFindings(c, perUpload);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("recording the repair run failed: " + e.getMessage(), e);
        }
    }

    private static void insertRun(Connection c, RepairReport r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into repair_runs (started_at, imports_restarted, invoices_requeued, emails_requeued,
                                         uploads_completed, dead_lettered, failed_by_reason)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")) {
            ps.setObject(1, java.sql.Timestamp.from(r.startedAt()));
            ps.setInt(2, r.importsRestarted());
            ps.setLong(3, r.invoicesRequeued());
            ps.setLong(4, r.emailsRequeued());
            ps.setInt(5, r.uploadsCompleted());
            ps.setString(6, json(r.deadLettered()));
            ps.setString(7, json(r.failedByReason()));
            ps.executeUpdate();
        }
        // one row per run (every 5 minutes on AWS): a month is plenty to look back on
        try (PreparedStatement ps = c.prepareStatement("delete from repair_runs where started_at < now() - interval '30 days'")) {
            ps.executeUpdate();
        }
    }

    private static void upsertFindings(Connection c, Map<UUID, UploadFindings> perUpload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into upload_repairs as r (upload_id, waiting_invoice, waiting_email, requeued, imports_restarted,
                                                 created_left, emailed_done, checked_at)
                select ?, ?, ?, ?, ?, ?, ?, now() where exists (select 1 from uploads where id = ?)
                on conflict (upload_id) do update
                   set waiting_invoice = excluded.waiting_invoice, waiting_email = excluded.waiting_email,
                       requeued = r.requeued + excluded.requeued,
                       imports_restarted = r.imports_restarted + excluded.imports_restarted,
                       created_left = coalesce(excluded.created_left, r.created_left),
                       emailed_done = coalesce(excluded.emailed_done, r.emailed_done), checked_at = now()""")) {
            for (Map.Entry<UUID, UploadFindings> e : perUpload.entrySet()) {
                UploadFindings f = e.getValue();
                ps.setObject(1, e.getKey());
                ps.setLong(2, f.waitingInvoice());
                ps.setLong(3, f.waitingEmail());
                ps.setLong(4, f.requeued());
                ps.setInt(5, f.importsRestarted());
                ps.setObject(6, f.counts() == null ? null : f.counts().created(), java.sql.Types.BIGINT);
                ps.setObject(7, f.counts() == null ? null : f.counts().emailed(), java.sql.Types.BIGINT);
                ps.setObject(8, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // what waited at the last run and waits no more
        try (PreparedStatement ps = c.prepareStatement("""
                update upload_repairs set waiting_invoice = 0, waiting_email = 0, checked_at = now()
                 where (waiting_invoice > 0 or waiting_email > 0) and upload_id <> all (?)""")) {
            ps.setArray(1, c.createArrayOf("uuid", perUpload.keySet().toArray()));
            ps.executeUpdate();
        }
    }

    private static String json(Map<String, Long> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, String what, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }
}
