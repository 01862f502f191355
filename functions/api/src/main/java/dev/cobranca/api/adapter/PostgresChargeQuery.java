package dev.cobranca.api.adapter;

import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.ChargeFilter;
import dev.cobranca.api.port.ChargeQuery;
import dev.cobranca.core.charge.ChargeStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@link ChargeQuery} on the charges table. Pages are keyset walks on seq (never OFFSET): each page costs the
 * same however deep the walk, and rows inserted meanwhile can neither repeat nor hide a row.
 */
public final class PostgresChargeQuery implements ChargeQuery {

    private static final String FIND = "select " + ChargeRows.COLUMNS + " from charges where debt_id = ?";

    private final DataSource dataSource;

    public PostgresChargeQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Charge> find(String debtId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, debtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ChargeRows.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read charge " + debtId, e);
        }
    }

    @Override
    public Optional<dev.cobranca.api.model.BankSide> bank(String debtId) {
        return BankRows.find(dataSource, debtId);
    }

    @Override
    public List<Charge> page(ChargeFilter filter, long afterSeq, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = sql(filter, afterSeq, limit, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<Charge> page = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(ChargeRows.read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list charges", e);
        }
    }

    private static String sql(ChargeFilter filter, long afterSeq, int limit, List<Object> params) {
        if (filter.uploadId() != null && filter.status() == null) {
            // charges_upload_status_idx is (upload_id, status, seq): one ordered index range per status, merged,
            // instead of sorting every charge of a million-row upload for each page.
            String branches = Stream.of(ChargeStatus.values()).map(status -> {
                params.add(filter.uploadId());
                params.add(status.name());
                params.add(afterSeq);
                params.add(limit);
                return "(select " + ChargeRows.COLUMNS + " from charges where upload_id = ? and status = ? and seq > ? order by seq limit ?)";
            }).collect(Collectors.joining(" union all "));
            params.add(limit);
            return "select * from (" + branches + ") page order by seq limit ?";
        }
        StringBuilder sql = new StringBuilder("select " + ChargeRows.COLUMNS + " from charges where seq > ?");
        params.add(afterSeq);
        if (filter.uploadId() != null) {
            sql.append(" and upload_id = ?");
            params.add(filter.uploadId());
        }
        if (filter.status() != null) {
            sql.append(" and status = ?");
            params.add(filter.status().name());
        }
        sql.append(" order by seq limit ?");
        params.add(limit);
        return sql.toString();
    }
}
