package dev.cobranca.api.adapter;

import dev.cobranca.api.model.MailAlert;
import dev.cobranca.api.model.NewUpload;
import dev.cobranca.api.model.UploadProgress;
import dev.cobranca.api.port.UploadStore;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.core.upload.UploadStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link UploadStore} on the uploads table; charge counts come from charges_upload_status_idx. */
public final class PostgresUploadStore implements UploadStore {

    private static final String INSERT = """
            insert into uploads (id, bucket, object_key, file_name, content_length, status)
            values (?, ?, ?, ?, ?, 'WAITING')
            """;

    /** One statement, so the upload, its counts and the repair's findings come from one snapshot. */
    private static final String FIND = """
            select u.id, u.status, u.rows_total, u.rows_accepted, u.rows_rejected, u.rows_duplicate,
                   u.created_at, u.import_started_at, u.imported_at, u.completed_at, u.rejected_report_key, u.error,
                   cardinality(u.overwrite_etags) as overwrites,
                   c.status as charge_status, c.n,
                   r.waiting_invoice, r.waiting_email, r.requeued, lr.started_at as repair_at, lr.dead_lettered
              from uploads u
              left join lateral (select status, count(*) as n from charges where upload_id = u.id group by status) c on true
              left join upload_repairs r on r.upload_id = u.id
              left join lateral (select started_at,
                                        (select coalesce(sum(v::bigint), 0) from jsonb_each_text(dead_lettered) e(k, v)) as dead_lettered
                                   from repair_runs order by started_at desc limit 1) lr on true
             where u.id = ?
            """;

    private static final String OPEN_ALERTS = """
            select kind, message, first_seen, last_seen, count from mail_alerts where resolved_at is null order by kind
            """;

    private final DataSource dataSource;

    public PostgresUploadStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(NewUpload upload) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, upload.id());
            ps.setString(2, upload.bucket());
            ps.setString(3, upload.objectKey());
            ps.setString(4, upload.fileName());
            ps.setLong(5, upload.contentLength());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register upload " + upload.id(), e);
        }
    }

    /** Null until a repair ran; an upload the repair never found waiting has zeros. */
    private static UploadProgress.Stuck stuck(ResultSet rs) throws SQLException {
        java.time.Instant at = ChargeRows.instant(rs, "repair_at");
        if (at == null) {
            return null;
        }
        return new UploadProgress.Stuck(rs.getLong("waiting_invoice"), rs.getLong("waiting_email"), rs.getLong("requeued"),
                rs.getLong("dead_lettered"), at);
    }

    @Override
    public List<MailAlert> openMailAlerts() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OPEN_ALERTS);
             ResultSet rs = ps.executeQuery()) {
            List<MailAlert> alerts = new ArrayList<>();
            while (rs.next()) {
                alerts.add(new MailAlert(rs.getString("kind"), rs.getString("message"), ChargeRows.instant(rs, "first_seen"),
                        ChargeRows.instant(rs, "last_seen"), rs.getLong("count")));
            }
            return alerts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the e-mail alerts", e);
        }
    }

    @Override
    public Map<String, Long> bankCounts(UUID id) {
        return BankRows.counts(dataSource, id);
    }

    @Override
    public Optional<UploadProgress> find(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<ChargeStatus, Long> counts = new EnumMap<>(ChargeStatus.class);
                UploadProgress first = null;
                do {
                    if (first == null) {
                        first = new UploadProgress(rs.getObject("id", UUID.class), UploadStatus.valueOf(rs.getString("status")),
                                rs.getLong("rows_total"), rs.getLong("rows_accepted"), rs.getLong("rows_rejected"),
                                rs.getLong("rows_duplicate"), Map.of(), ChargeRows.instant(rs, "created_at"),
                                ChargeRows.instant(rs, "import_started_at"), ChargeRows.instant(rs, "imported_at"),
                                ChargeRows.instant(rs, "completed_at"), rs.getString("rejected_report_key"), rs.getString("error"),
                                rs.getInt("overwrites"), stuck(rs));
                    }
                    String status = rs.getString("charge_status");
                    if (status != null) {
                        counts.put(ChargeStatus.valueOf(status), rs.getLong("n"));
                    }
                } while (rs.next());
                return Optional.of(new UploadProgress(first.id(), first.status(), first.rowsTotal(), first.rowsAccepted(),
                        first.rowsRejected(), first.rowsDuplicate(), counts, first.createdAt(), first.importStartedAt(),
                        first.importedAt(), first.completedAt(), first.rejectedReportKey(), first.error(), first.overwrites(),
                        first.stuck()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read upload " + id, e);
        }
    }
}
