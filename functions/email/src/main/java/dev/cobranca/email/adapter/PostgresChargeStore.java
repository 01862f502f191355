package dev.cobranca.email.adapter;

import dev.cobranca.email.ChargeStore;
import dev.cobranca.postgres.UploadCompletion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link ChargeStore} on the {@code charges} table; the claim lives in {@code email_claim_token}/{@code email_claim_until}. */
public final class PostgresChargeStore implements ChargeStore {

    /*
     * One statement claims the whole message, locking rows in debt_id order as every writer of charges does (no
     * lock-order deadlocks). It waits for a row another transaction holds, never skips it: the holder may be the
     * remittance run picking the titles (requested by the invoice function together with the e-mails) or a retorno
     * being applied, and a skipped row stayed unclaimed while its message was deleted as done: never e-mailed. A
     * concurrent delivery of the same message commits its claim in one statement; the row, read again after the wait,
     * is then excluded by email_claim_until.
     */
    private static final String CLAIM = """
            with free as (
                select debt_id from charges
                 where debt_id = any (?) and status = 'INVOICED'
                   and (email_claim_until is null or email_claim_until < now())
                 order by debt_id
                   for update)
            update charges c
               set email_claim_token = ?, email_claim_until = now() + ? * interval '1 second', attempts = c.attempts + 1
              from free
             where c.debt_id = free.debt_id
            returning c.debt_id, c.upload_id, c.name, c.email, c.amount, c.due_date, c.digitable_line, c.invoice_key, c.seq
            """;
    /*
     * A charge the bank or the webhook paid while its e-mail was on the wire stays PAID, but the e-mail did go out:
     * record when, so that what was sent is counted and shown (the claim still held tells it was this send).
     */
    private static final String MARK_EMAILED = """
            update charges
               set status = case when status = 'INVOICED' then 'EMAILED' else status end, emailed_at = now(),
                   email_claim_token = null, email_claim_until = null,
                   last_error = case when status = 'INVOICED' then null else last_error end
             where debt_id = ?
               and (status = 'INVOICED' or (status = 'PAID' and emailed_at is null and email_claim_token is not null))
            """;
    private static final String MARK_FAILED = """
            update charges
               set status = 'FAILED', last_error = ?, email_claim_token = null, email_claim_until = null
             where debt_id = ? and status = 'INVOICED'
            """;
    private static final String RELEASE = """
            update charges set email_claim_token = null, email_claim_until = null
             where debt_id = any (?) and email_claim_token = ? and status = 'INVOICED'
            """;

    private final DataSource dataSource;

    public PostgresChargeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<ClaimedCharge> claim(Collection<String> debtIds, UUID token, Duration lease) {
        if (debtIds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setArray(1, c.createArrayOf("text", debtIds.toArray()));
            ps.setObject(2, token);
            ps.setLong(3, lease.toSeconds());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(9), new ClaimedCharge(rs.getString(1), rs.getObject(2, UUID.class),
                            rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getObject(6, LocalDate.class),
                            rs.getString(7), rs.getString(8))));
                }
            }
            // RETURNING has no ORDER BY: send in the order the charges were created.
            rows.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            return rows.stream().map(Row::charge).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("claiming charges failed: " + e.getMessage(), e);
        }
    }

    private record Row(long seq, ClaimedCharge charge) {
    }

    @Override
    public void markEmailed(String debtId) {
        update(MARK_EMAILED, "marking charge EMAILED", ps -> ps.setString(1, debtId));
    }

    @Override
    public void markFailed(String debtId, String reason) {
        update(MARK_FAILED, "marking charge FAILED", ps -> {
            ps.setString(1, reason);
            ps.setString(2, debtId);
        });
    }

    @Override
    public void release(Collection<String> debtIds, UUID token) {
        if (debtIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE)) {
            ps.setArray(1, c.createArrayOf("text", debtIds.toArray()));
            ps.setObject(2, token);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("releasing claims failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void completeUploadsIfDone(Set<UUID> uploadIds) {
        if (uploadIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            for (UUID uploadId : new TreeSet<>(uploadIds)) {
                UploadCompletion.completeIfDone(c, uploadId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("completing uploads failed: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, String what, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }
}
