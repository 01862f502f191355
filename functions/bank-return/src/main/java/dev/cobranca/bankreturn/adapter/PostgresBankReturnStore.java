package dev.cobranca.bankreturn.adapter;

import dev.cobranca.bankreturn.BankReturnStore;
import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.postgres.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** {@link BankReturnStore} on {@code return_files}, {@code bank_events} and {@code charges}. */
public final class PostgresBankReturnStore implements BankReturnStore {

    private static final String BEGIN = """
            insert into return_files (object_key, sha256) values (?, ?)
            on conflict (sha256) do update set object_key = return_files.object_key
            returning id, status, (xmax <> 0) as existed
            """;
    private static final String HEADER = """
            update return_files set bank_code = ?, convenio = ?, nsa = ? where id = ?
            """;
    private static final String SAME_NSA = """
            select object_key from return_files where convenio = ? and nsa = ? and id <> ? order by id limit 1
            """;
    private static final String CONFIRMED_AWAITING_EMAIL = """
            select c.upload_id, c.debt_id from bank_events e join charges c on c.debt_id = e.debt_id
             where e.return_file_id = ? and e.kind = 'CONFIRMED' and c.status = 'INVOICED'
             order by c.upload_id, c.seq
            """;
    private static final String UNMATCHED = """
            select line, nosso_numero, code, name from bank_events where return_file_id = ? and debt_id is null order by line
            """;
    /** Counts from the events themselves: a delivery that resumes a crashed one counts what both stored. */
    private static final String FINISH = """
            update return_files f set status = ?, occurrences = ?, errors = ?, error = ?, report_key = ?, note = ?,
                   matched = e.matched, unmatched = e.unmatched, duplicates = greatest(0, ? - e.matched - e.unmatched),
                   applied_at = now()
              from (select count(debt_id) as matched, count(*) - count(debt_id) as unmatched
                      from bank_events where return_file_id = ?) e
             where f.id = ?
            """;

    private final DataSource dataSource;

    public PostgresBankReturnStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public FileClaim begin(String objectKey, String sha256) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BEGIN)) {
            ps.setString(1, objectKey);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String status = rs.getString(2);
                // a delivery that died while applying left APPLYING: this one applies it again
                return new FileClaim(rs.getLong(1), rs.getBoolean(3) && !"APPLYING".equals(status), status);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording retorno " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String header(long fileId, ReturnHeader header) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(HEADER)) {
                ps.setString(1, header.bankCode());
                ps.setString(2, header.convenio());
                ps.setLong(3, header.nsa());
                ps.setLong(4, fileId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(SAME_NSA)) {
                ps.setString(1, header.convenio());
                ps.setLong(2, header.nsa());
                ps.setLong(3, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording the header of retorno " + fileId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Applied apply(long fileId, List<ReturnOccurrence> occurrences, boolean failRejected) {
        try {
            return Transactions.call(dataSource, c -> ReturnOccurrenceApplier.apply(c, fileId, occurrences, failRejected));
        } catch (SQLException e) {
            throw new IllegalStateException("applying retorno " + fileId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void confirmedAwaitingEmail(long fileId, BiConsumer<UUID, String> each) {
        stream(CONFIRMED_AWAITING_EMAIL, fileId, rs -> each.accept(rs.getObject(1, UUID.class), rs.getString(2)),
                "reading confirmed charges");
    }

    @Override
    public long unmatched(long fileId, Consumer<Unmatched> each) {
        return stream(UNMATCHED, fileId, rs -> each.accept(new Unmatched(rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getString(4))), "reading unmatched occurrences");
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} on the file's id through a cursor (fetch size, outside autocommit); returns the rows read. */
    private long stream(String sql, long fileId, Row each, String what) {
        try {
            return Transactions.call(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(2_000);
                    ps.setLong(1, fileId);
                    long n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            each.accept(rs);
                            n++;
                        }
                    }
                    return n;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(what + " of retorno " + fileId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void finish(long fileId, FileOutcome o) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, o.status());
            ps.setLong(2, o.occurrences());
            ps.setInt(3, o.errors());
            ps.setString(4, o.error());
            ps.setString(5, o.reportKey());
            ps.setString(6, o.note());
            ps.setLong(7, o.occurrences());
            ps.setLong(8, fileId);
            ps.setLong(9, fileId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("finishing retorno " + fileId + " failed: " + e.getMessage(), e);
        }
    }
}
