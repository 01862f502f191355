package dev.cobranca.local.client;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** The bank section of the end-of-run report: what went to the bank for this upload and what it answered. */
final class BankSummary {

    private BankSummary() {
    }

    static void print(PrintStream out, Connection c, UUID uploadId) throws SQLException {
        out.println("Bank (Banco do Brasil, CNAB 240)");
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) filter (where remittance_id is not null) as sent,
                       count(distinct remittance_id) as remessas,
                       count(*) filter (where bank_status = 'CONFIRMED') as confirmed,
                       count(*) filter (where bank_status = 'REJECTED') as rejected,
                       count(*) filter (where bank_status = 'SETTLED') as settled,
                       coalesce(sum(paid_amount) filter (where bank_status = 'SETTLED'), 0) as received,
                       coalesce(sum(bank_tariff) filter (where bank_status = 'SETTLED'), 0) as tariffs,
                       count(*) filter (where bank_status = 'WRITTEN_OFF') as written_off,
                       count(*) filter (where bank_status in ('NOT_SENT', 'SENT') and nosso_numero is not null) as waiting,
                       count(*) filter (where bank_mismatch is not null) as flagged
                  from charges where upload_id = ?""")) {
            ps.setObject(1, uploadId);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                long remessas = r.getLong("remessas");
                out.printf(Locale.ROOT, "  sent       %d titles in %d %s%n", r.getLong("sent"), remessas,
                        remessas == 1 ? "remessa" : "remessas");
                out.printf(Locale.ROOT, "  confirmed  %d (registered, not yet paid)%n", r.getLong("confirmed"));
                out.printf(Locale.ROOT, "  rejected   %d%n", r.getLong("rejected"));
                rejections(out, c, uploadId);
                out.printf(Locale.ROOT, "  paid       %d, R$ %s received (bank tariffs R$ %s)%n", r.getLong("settled"),
                        r.getBigDecimal("received").toPlainString(), r.getBigDecimal("tariffs").toPlainString());
                if (r.getLong("written_off") > 0) {
                    out.printf(Locale.ROOT, "  written off %d%n", r.getLong("written_off"));
                }
                if (r.getLong("waiting") > 0) {
                    out.printf(Locale.ROOT, "  waiting    %d titles not yet answered by the bank%n", r.getLong("waiting"));
                }
                if (r.getLong("flagged") > 0) {
                    out.printf(Locale.ROOT, "  flagged    %d charges where the bank disagrees (GET /charges/{debtId}: bankMismatch)%n",
                            r.getLong("flagged"));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select count(*) from bank_events where debt_id is null")) {
            r.next();
            if (r.getLong(1) > 0) {
                out.printf(Locale.ROOT, "  unknown    %d occurrences in retornos name no charge (kept in bank_events; reports/returns/*.unmatched.csv)%n",
                        r.getLong(1));
            }
        }
    }

    /** Rejected titles grouped by the bank's reasons (code and meaning). */
    private static void rejections(PrintStream out, Connection c, UUID uploadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select bank_reasons, count(*) from charges
                 where upload_id = ? and bank_status = 'REJECTED' group by bank_reasons order by count(*) desc limit 10""")) {
            ps.setObject(1, uploadId);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.printf(Locale.ROOT, "    %6d  %s%n", r.getLong(2), r.getString(1));
                }
            }
        }
    }
}
