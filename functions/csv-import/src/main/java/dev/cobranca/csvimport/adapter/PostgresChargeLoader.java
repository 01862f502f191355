package dev.cobranca.csvimport.adapter;

import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.csvimport.ChargeLoader;
import dev.cobranca.csvimport.LeaseLostException;
import dev.cobranca.postgres.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChargeLoader} on PostgreSQL: the plan in import_key_ranges, each key range loaded by {@link ChargeCopy} in a
 * transaction that also marks it done (with the rows the database refused, if any) and renews the lease. Rows are
 * in {@link CopyRowFormat}.
 */
public final class PostgresChargeLoader implements ChargeLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChargeLoader.class);

    private final DataSource dataSource;

    public PostgresChargeLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<KeyRange> planLoad(UUID uploadId, String owner, Duration lease, ReadCounts counts, List<String> bounds) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update uploads set rows_total = ?, rows_rejected = ?, rows_valid = ?, import_phase = 'LOADING',
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
            ImportState.drop(c, uploadId);
            List<KeyRange> keyRanges = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into import_key_ranges (upload_id, range_no, lower_exclusive, upper_inclusive) values (?, ?, ?, ?)""")) {
                for (int i = 0; i <= bounds.size(); i++) {
                    KeyRange keyRange = new KeyRange(i, i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i));
                    ps.setObject(1, uploadId);
                    ps.setInt(2, keyRange.rangeNo());
                    ps.setString(3, keyRange.lowerExclusive());
                    ps.setString(4, keyRange.upperInclusive());
                    ps.addBatch();
                    keyRanges.add(keyRange);
                }
                ps.executeBatch();
            }
            return keyRanges;
        });
    }

    @Override
    public List<KeyRange> pendingKeyRanges(UUID uploadId) {
        return inTransaction(c -> {
            List<KeyRange> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select range_no, lower_exclusive, upper_inclusive from import_key_ranges
                     where upload_id = ? and not done order by range_no""")) {
                ps.setObject(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pending.add(new KeyRange(rs.getInt(1), rs.getString(2), rs.getString(3)));
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
    public LoadedKeyRange loadKeyRange(UUID uploadId, String owner, Duration lease, KeyRange keyRange, KeyRangeRows rows,
            int debtIdsPerMessage, boolean expectCharged) {
        try {
            if (!expectCharged) {
                try {
                    return inKeyRangeTransaction(uploadId, owner, lease, keyRange,
                            c -> ChargeCopy.copyIntoCharges(c, uploadId, keyRange, rows, debtIdsPerMessage));
                } catch (RuntimeException e) {
                    if (!isConflict(e)) {
                        throw e;
                    }
                    // a debtId of this range is charged already (an earlier upload), or another upload loading the
                    // same debtIds deadlocked with this one: the range goes the careful way
                    LOG.info("upload {}: key range {} holds debtIds charged before; loading it through staging",
                            uploadId, keyRange.rangeNo());
                }
            }
            return inKeyRangeTransaction(uploadId, owner, lease, keyRange,
                    c -> ChargeCopy.insertThroughStaging(c, uploadId, keyRange, rows, debtIdsPerMessage, expectCharged));
        } catch (RuntimeException e) {
            if (!RangeBisection.isDataError(e)) {
                throw e;
            }
            // a row the validator passed and the database refuses: retrying cannot help, so the range is split until
            // the refused rows stand alone; they go to the report, the rest of the range loads
            LOG.warn("upload {}: the database refused a row of key range {} ({}); isolating it", uploadId,
                    keyRange.rangeNo(), RangeBisection.sqlState(e));
            return inKeyRangeTransaction(uploadId, owner, lease, keyRange,
                    c -> new RangeBisection(c, uploadId, keyRange, rows, debtIdsPerMessage).load());
        }
    }

    /** The key range's work, then the key range marked done and the lease renewed with the new charges counted, in one transaction. */
    private LoadedKeyRange inKeyRangeTransaction(UUID uploadId, String owner, Duration lease, KeyRange keyRange,
            Transactions.Work<LoadedKeyRange> load) {
        return inTransaction(c -> {
            LoadedKeyRange loaded = load.run(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "update import_key_ranges set done = true where upload_id = ? and range_no = ? and not done")) {
                ps.setObject(1, uploadId);
                ps.setInt(2, keyRange.rangeNo());
                if (ps.executeUpdate() != 1) {
                    throw new LeaseLostException(uploadId);
                }
            }
            // last: the upload row is locked only from here to the commit, so parallel sessions barely wait
            ImportState.renewLease(c, uploadId, owner, lease, loaded.inserted());
            return loaded;
        });
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

    @Override
    public List<RowOutcome.Rejected> refusedRows(UUID uploadId) {
        return inTransaction(c -> {
            List<RowOutcome.Rejected> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select (r ->> 'line')::bigint, r ->> 'reason', r ->> 'row'
                      from import_key_ranges k, jsonb_array_elements(k.refused) r
                     where k.upload_id = ? and k.refused is not null order by 1""")) {
                ps.setObject(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new RowOutcome.Rejected(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return rows;
        });
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        return ImportState.inTransaction(dataSource, work);
    }
}
