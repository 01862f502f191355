package dev.cobranca.local.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** The end-of-run report: counts per stage, each stage's time and throughput, and where the files are. */
public final class Summary {

    private Summary() {
    }

    public static void print(PrintStream out, DataSource db, String uploadId, Path dataDir, String bucket) {
        UUID id = UUID.fromString(uploadId);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    select status, rows_total, rows_accepted, rows_rejected, rows_duplicate, bytes, created_at,
                           import_started_at, imported_at, completed_at, error, rejected_report_key
                      from uploads where id = ?""")) {
                ps.setObject(1, id);
                try (ResultSet u = ps.executeQuery()) {
                    if (!u.next()) {
                        out.println("Upload " + uploadId + " is not in the database.");
                        return;
                    }
                    out.println();
                    out.printf(Locale.ROOT, "Upload %s: %s%s%n", uploadId, u.getString("status"),
                            u.getTimestamp("completed_at") == null ? ""
                                    : " in " + seconds(u.getTimestamp("created_at"), u.getTimestamp("completed_at")));
                    if (u.getString("error") != null) {
                        out.println("  error      " + u.getString("error"));
                    }
                    long accepted = u.getLong("rows_accepted");
                    out.printf(Locale.ROOT, "  rows       %d total: %d accepted, %d rejected, %d duplicate%n",
                            u.getLong("rows_total"), accepted, u.getLong("rows_rejected"), u.getLong("rows_duplicate"));
                    out.println("  import     " + stage(u.getLong("rows_total"), "rows",
                            u.getTimestamp("import_started_at"), u.getTimestamp("imported_at")));
                    charges(out, c, id);
                    BankSummary.print(out, c, id);
                    out.println("Files");
                    Path bucketDir = dataDir.resolve("s3").resolve(bucket);
                    out.println("  boletos    " + bucketDir.resolve("invoices") + "  (" + count(bucketDir.resolve("invoices"), ".pdf") + " PDFs)");
                    out.println("  e-mails    " + dataDir.resolve("mail") + "  (" + count(dataDir.resolve("mail"), ".eml") + " .eml)");
                    String report = u.getString("rejected_report_key");
                    out.println("  rejected   " + (report == null ? "none" : bucketDir.resolve(report).toString()));
                    out.println("  remessas   " + bucketDir.resolve("remittances") + "  (" + count(bucketDir.resolve("remittances"), ".rem") + " .rem)");
                    out.println("  retornos   " + bucketDir.resolve("returns") + "  (" + count(bucketDir.resolve("returns"), ".ret") + " .ret)");
                }
            }
        } catch (SQLException e) {
            out.println("Cannot read the summary from PostgreSQL: " + e.getMessage());
        }
    }

    private static void charges(PrintStream out, Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) filter (where invoiced_at is not null) as invoiced,
                       min(invoiced_at) as first_invoiced, max(invoiced_at) as last_invoiced,
                       count(*) filter (where emailed_at is not null) as emailed,
                       min(emailed_at) as first_emailed, max(emailed_at) as last_emailed,
                       count(*) filter (where status = 'FAILED') as failed
                  from charges where upload_id = ?""")) {
            ps.setObject(1, id);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                out.println("  boletos    " + stage(r.getLong("invoiced"), "PDFs", r.getTimestamp("first_invoiced"), r.getTimestamp("last_invoiced")));
                out.println("  e-mails    " + stage(r.getLong("emailed"), "sent", r.getTimestamp("first_emailed"), r.getTimestamp("last_emailed")));
                out.println("  failed     " + r.getLong("failed") + " charges (see GET /charges?status=FAILED)");
            }
        }
    }

    private static String stage(long count, String unit, Timestamp from, Timestamp to) {
        if (from == null || to == null) {
            return count + " " + unit;
        }
        double s = (to.getTime() - from.getTime()) / 1000.0;
        return String.format(Locale.ROOT, "%d %s in %.1f s%s", count, unit, s,
                s > 0 ? String.format(Locale.ROOT, " (%.0f/s)", count / s) : "");
    }

    private static String seconds(Timestamp from, Timestamp to) {
        return String.format(Locale.ROOT, "%.1f s", (to.getTime() - from.getTime()) / 1000.0);
    }

    private static long count(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
