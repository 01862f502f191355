package dev.cobranca.email.adapter;

import dev.cobranca.email.MailAlerts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link MailAlerts} in the {@code mail_alerts} table: one row per kind, open while {@code resolved_at} is null. */
public final class PostgresMailAlerts implements MailAlerts {

    /* A resolved alert that comes back starts a new episode: first_seen and count restart. */
    private static final String RAISE = """
            insert into mail_alerts (kind, message) values (?, ?)
            on conflict (kind) do update
               set message = excluded.message, last_seen = now(), resolved_at = null,
                   first_seen = case when mail_alerts.resolved_at is null then mail_alerts.first_seen else now() end,
                   count = case when mail_alerts.resolved_at is null then mail_alerts.count + 1 else 1 end
            """;
    private static final String CLEAR = "update mail_alerts set resolved_at = now() where resolved_at is null";

    private final DataSource dataSource;

    public PostgresMailAlerts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void raise(String kind, String message) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RAISE)) {
            ps.setString(1, kind);
            ps.setString(2, message);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("raising the " + kind + " mail alert failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLEAR)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("clearing mail alerts failed: " + e.getMessage(), e);
        }
    }
}
