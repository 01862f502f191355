package dev.cobranca.api.adapter;

import dev.cobranca.api.model.BankSide;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The bank side of charges: one charge's status and events, an upload's counts by bank status. */
final class BankRows {

    private static final String CHARGE = """
            select c.bank_status, c.nosso_numero, c.boleto_due_date, r.nsa, c.credit_date, c.bank_tariff,
                   c.bank_reasons, c.bank_mismatch
              from charges c left join remittances r on r.id = c.remittance_id
             where c.debt_id = ?
            """;
    /** At most this many events per charge in a response (a title has a handful; a pathological one stays bounded). */
    private static final int MAX_EVENTS = 100;
    private static final String EVENTS = """
            select e.code, e.name, e.kind, e.occurrence_date, e.credit_date, e.amount, e.paid_amount, e.tariff,
                   e.reasons, f.object_key, e.line, e.received_at
              from bank_events e join return_files f on f.id = e.return_file_id
             -- the unique occurrence index leads with nosso número: no index on debt_id for every event to pay for
             where e.nosso_numero = ? and e.debt_id = ?
             -- the bank's order (its files' NSAs), not the order the files happened to be read in
             order by e.occurrence_date nulls last, f.nsa nulls last, e.line, e.id limit %d
            """.formatted(MAX_EVENTS);
    private static final String COUNTS = """
            select bank_status, count(*) from charges
             where upload_id = ? and nosso_numero is not null group by bank_status
            """;

    private BankRows() {
    }

    static Optional<BankSide> find(DataSource dataSource, String debtId) {
        try (Connection c = dataSource.getConnection()) {
            BankSide side;
            try (PreparedStatement ps = c.prepareStatement(CHARGE)) {
                ps.setString(1, debtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    side = new BankSide(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getObject(4, Long.class), rs.getObject(5, LocalDate.class), rs.getBigDecimal(6),
                            rs.getString(7), rs.getString(8), List.of());
                }
            }
            if (side.nossoNumero() == null) { // not invoiced yet: the bank cannot have heard of it
                return Optional.of(side);
            }
            List<BankSide.Event> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
                ps.setString(1, side.nossoNumero());
                ps.setString(2, debtId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Array reasons = rs.getArray(9);
                        events.add(new BankSide.Event(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), amount(rs, 6),
                                amount(rs, 7), amount(rs, 8),
                                reasons == null ? List.of() : Arrays.stream((Object[]) reasons.getArray()).map(String::valueOf).toList(),
                                rs.getString(10), rs.getInt(11), ChargeRows.instant(rs, "received_at")));
                    }
                }
            }
            return Optional.of(new BankSide(side.bankStatus(), side.nossoNumero(), side.boletoDueDate(), side.remittanceNsa(),
                    side.creditDate(), side.bankTariff(), side.bankReasons(), side.bankMismatch(), events));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bank side of charge " + debtId, e);
        }
    }

    static Map<String, Long> counts(DataSource dataSource, UUID uploadId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNTS)) {
            ps.setObject(1, uploadId);
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the bank statuses of upload " + uploadId, e);
        }
    }

    private static BigDecimal amount(ResultSet rs, int column) throws SQLException {
        return rs.getBigDecimal(column);
    }
}
