package dev.cobranca.remittance.adapter;

import dev.cobranca.core.bank.Payer;
import dev.cobranca.core.bank.RemittanceTitle;
import dev.cobranca.postgres.Transactions;
import dev.cobranca.remittance.RemittanceStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** {@link RemittanceStore} on the {@code remittances}, {@code remittance_sequences} and {@code charges} tables. */
public final class PostgresRemittanceStore implements RemittanceStore {

    /** A run waits this long for another run of the same convênio, then fails (its trigger is retried). */
    private static final String LOCK_WAIT = "120s";
    /**
     * The oldest titles not yet sent, marked SENT into the remessa in one statement, all in the database: a remessa's
     * 100,000 debtIds never travel to the function and back. The picked titles are sorted by debt_id and joined to
     * their rows one by one (a nested loop: {@link #INDEXED_PLAN}), so the update itself locks them in debt_id order,
     * as the e-mail claim and the retorno lock charges (they wait for each other, never deadlock), without a separate
     * locking pass over 100,000 rows. Runs of one convênio are serialised by the advisory lock, so nothing else takes
     * NOT_SENT titles meanwhile. Answers how many and their total.
     */
    private static final String CLAIM = """
            with picked as (
                select debt_id from (select debt_id from charges
                                      where bank_status = 'NOT_SENT' and nosso_numero is not null
                                        and left(nosso_numero, 7) = ? and status in ('INVOICED', 'EMAILED', 'FAILED')
                                      order by seq
                                      limit ?) oldest
                 order by debt_id),
            sent as (
                update charges c set bank_status = 'SENT', remittance_id = ?, bank_updated_at = now()
                  from picked where c.debt_id = picked.debt_id and c.bank_status = 'NOT_SENT'
                returning c.amount)
            select count(*), coalesce(sum(amount), 0) from sent
            """;
    /**
     * For the claim's transaction only. A hash or merge join would visit the rows in their physical order and lock
     * them in that order; the nested loop over the sorted picks keeps debt_id order. And the picks come from the
     * NOT_SENT index in seq order, stopping at the limit: the planner cannot estimate the convênio filter and would
     * otherwise scan and sort the whole table (0.6 s instead of 0.07 s for 100,000 of 1,000,000 titles).
     */
    private static final String INDEXED_PLAN = "set local enable_hashjoin = off; set local enable_mergejoin = off; "
            + "set local enable_seqscan = off; set local enable_bitmapscan = off";
    /** Whether there is anything to send: an empty run takes no NSA (not even one it would give back). */
    private static final String ANY = """
            select exists (select 1 from charges
                            where bank_status = 'NOT_SENT' and nosso_numero is not null and left(nosso_numero, 7) = ?
                              and status in ('INVOICED', 'EMAILED', 'FAILED'))
            """;
    private static final String NEXT_NSA = """
            update remittance_sequences set last_nsa = last_nsa + 1 where convenio = ? returning last_nsa
            """;
    /** Counted and totalled once its titles are marked; a claim that finds none rolls the row and the NSA back. */
    private static final String INSERT = """
            insert into remittances (convenio, nsa, object_key, title_count, total_amount, generated_at)
            values (?, ?, ?, 0, 0, ?) returning id
            """;
    private static final String COUNTED = """
            update remittances set title_count = ?, total_amount = ? where id = ?
            """;
    private static final String TITLES = """
            select nosso_numero, debt_id, boleto_due_date, due_date, amount,
                   (coalesce(invoiced_at, created_at) at time zone 'America/Sao_Paulo')::date as issued,
                   -- the CSV allows 1 to 14 digits: zeros on the left make it a CPF (up to 11) or a CNPJ, as
                   -- FEBRABAN's "tipo de inscrição" reads the number; a wrong check digit is the bank's to refuse
                   case when length(government_id) <= 11 then lpad(government_id, 11, '0')
                        else lpad(government_id, 14, '0') end as government_id,
                   name, payer_address, payer_district, payer_zip_code, payer_city, payer_state
              from charges where remittance_id = ? order by seq
            """;
    private static final String BUILDING = """
            select id, convenio, nsa, object_key, title_count, generated_at from remittances
             where convenio = ? and status = 'BUILDING' order by nsa
            """;
    private static final String WRITTEN = """
            update remittances set status = 'WRITTEN', written_at = now(), title_count = ?, total_amount = ?
             where id = ?
            """;
    private static final String REFUSED = """
            update charges c set bank_status = 'REJECTED', bank_reasons = v.reason, bank_updated_at = now()
              from unnest(?::text[], ?::text[]) as v (nosso_numero, reason)
             where c.nosso_numero = v.nosso_numero and c.remittance_id = ?
            """;

    private final DataSource dataSource;

    public PostgresRemittanceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public AutoCloseable lock(String convenio) {
        try {
            Connection c = dataSource.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("set statement_timeout = '" + LOCK_WAIT + "'");
                try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
                    ps.setString(1, "remittance:" + convenio);
                    ps.execute();
                }
                s.execute("reset statement_timeout");
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return () -> {
                // closing a pooled connection does not end the session: unlock explicitly
                try (c; PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                    ps.setString(1, "remittance:" + convenio);
                    ps.execute();
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("taking the remittance lock of convênio " + convenio + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Remittance> building(String convenio) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BUILDING)) {
            ps.setString(1, convenio);
            List<Remittance> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Remittance(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                            rs.getObject(6, LocalDateTime.class)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading BUILDING remessas failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Remittance> claim(String convenio, int maxTitles, LocalDateTime generatedAt, KeyFunction keyFor) {
        try {
            return Transactions.call(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into remittance_sequences (convenio) values (?) on conflict do nothing")) {
                    ps.setString(1, convenio);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(ANY)) {
                    ps.setString(1, convenio);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return Optional.empty();
                        }
                    }
                }
                long nsa;
                try (PreparedStatement ps = c.prepareStatement(NEXT_NSA)) {
                    ps.setString(1, convenio);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        nsa = rs.getLong(1);
                    }
                }
                String key = keyFor.key(nsa, generatedAt);
                long id;
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, convenio);
                    ps.setLong(2, nsa);
                    ps.setString(3, key);
                    ps.setObject(4, generatedAt);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                int titles;
                BigDecimal total;
                try (Statement s = c.createStatement()) {
                    s.execute(INDEXED_PLAN);
                }
                try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                    ps.setString(1, convenio);
                    ps.setInt(2, maxTitles);
                    ps.setLong(3, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        titles = rs.getInt(1);
                        total = rs.getBigDecimal(2);
                    }
                }
                if (titles == 0) {
                    c.rollback();
                    return Optional.empty();
                }
                try (PreparedStatement ps = c.prepareStatement(COUNTED)) {
                    ps.setInt(1, titles);
                    ps.setBigDecimal(2, total);
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
                return Optional.of(new Remittance(id, convenio, nsa, key, titles, generatedAt));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("building a remessa failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void titles(long remittanceId, Consumer<RemittanceTitle> each) {
        try {
            // a cursor (fetch size, outside autocommit): a remessa of 100,000 titles is never held whole
            Transactions.run(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(TITLES)) {
                    ps.setFetchSize(2_000);
                    ps.setLong(1, remittanceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            LocalDate boletoDue = rs.getObject(3, LocalDate.class);
                            each.accept(new RemittanceTitle(rs.getString(1), rs.getString(2),
                                    boletoDue != null ? boletoDue : rs.getObject(4, LocalDate.class),
                                    rs.getBigDecimal(5), rs.getObject(6, LocalDate.class),
                                    new Payer(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                            rs.getString(11), rs.getString(12), rs.getString(13))));
                        }
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("reading the titles of remessa " + remittanceId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void markWritten(long remittanceId, long titles, BigDecimal total, List<Refused> refused) {
        try {
            Transactions.run(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(WRITTEN)) {
                    ps.setLong(1, titles);
                    ps.setBigDecimal(2, total);
                    ps.setLong(3, remittanceId);
                    ps.executeUpdate();
                }
                if (!refused.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(REFUSED)) {
                        ps.setArray(1, c.createArrayOf("text", refused.stream().map(Refused::nossoNumero).toArray()));
                        ps.setArray(2, c.createArrayOf("text", refused.stream()
                                .map(r -> "not written to the remessa: " + r.reason()).toArray()));
                        ps.setLong(3, remittanceId);
                        ps.executeUpdate();
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("marking remessa " + remittanceId + " WRITTEN failed: " + e.getMessage(), e);
        }
    }
}
