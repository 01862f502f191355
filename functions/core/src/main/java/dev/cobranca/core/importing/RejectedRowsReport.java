package dev.cobranca.core.importing;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.Writer;

/**
 * Writes {@code reports/{uploadId}/rejected.csv}: {@code line,reason,row}. Cells a spreadsheet would run as a
 * formula (starting with {@code = + - @}, tab or CR) are prefixed with {@code '}, so opening the report is safe.
 */
public final class RejectedRowsReport implements AutoCloseable {

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    /** The original row is cut here: a row this long is not going to be read by a person anyway. */
    public static final int MAX_ROW_CHARS = 10_000;

    private final CsvWriter writer;

    public RejectedRowsReport(Writer out) {
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setLineSeparator("\r\n"); // RFC 4180, and what spreadsheets expect
        settings.setQuoteEscapingEnabled(true);
        settings.setNullValue("");
        this.writer = new CsvWriter(out, settings);
        writer.writeHeaders("line", "reason", "row");
    }

    public void write(long line, String reason, String row) {
        String text = row.length() > MAX_ROW_CHARS ? row.substring(0, MAX_ROW_CHARS) + "…" : row;
        writer.writeRow(Long.toString(line), neutralise(reason), neutralise(text));
    }

    /** Defuses spreadsheet formula injection (OWASP "CSV Injection"). */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    @Override
    public void close() {
        writer.close();
    }
}
