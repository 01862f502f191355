package dev.cobranca.core.importing;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/** Splits one record's text into cells with univocity-parsers (RFC 4180 quoting: {@code ""} is a quote). */
public final class CsvRowParser {

    /** A row wider than this is rejected rather than parsed. */
    public static final int MAX_COLUMNS = 256;

    private final CsvParser parser;

    public CsvRowParser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.getFormat().setLineSeparator("\n");
        settings.getFormat().setComment('\0'); // '#' starts a comment by default; here it is data
        settings.setCommentProcessingEnabled(false);
        settings.setLineSeparatorDetectionEnabled(false);
        settings.setNormalizeLineEndingsWithinQuotes(false);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setIgnoreLeadingWhitespacesInQuotes(false);
        settings.setIgnoreTrailingWhitespacesInQuotes(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setSkipEmptyLines(false);
        settings.setMaxColumns(MAX_COLUMNS);
        settings.setMaxCharsPerColumn(-1); // the record itself is bounded by CsvRecordReader
        settings.setReadInputOnSeparateThread(false);
        settings.setErrorContentLength(0); // keep row content (personal data) out of exception messages
        this.parser = new CsvParser(settings);
    }

    /** @throws CsvRowException when the record cannot be split (too many columns) */
    public String[] parse(String text) {
        String[] plain = splitPlain(text);
        if (plain != null) {
            return plain;
        }
        try {
            String[] cells = parser.parseLine(text);
            return cells == null ? new String[0] : cells;
        } catch (TextParsingException e) {
            throw new CsvRowException(e.getCause() instanceof ArrayIndexOutOfBoundsException
                    ? "more than " + MAX_COLUMNS + " columns"
                    : "unreadable CSV row");
        }
    }

    /**
     * The common case, without univocity's per-call set-up: a record with no quote (nor CR or NUL, which the library
     * may treat specially) is its cells separated by commas, as is. Null when the record needs the full parser.
     */
    private static String[] splitPlain(String text) {
        int cells = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                cells++;
            } else if (c == '"' || c == '\r' || c == '\0') {
                return null;
            }
        }
        if (cells > MAX_COLUMNS) {
            return null; // the parser reports it
        }
        String[] out = new String[cells];
        int start = 0;
        for (int k = 0; k < cells - 1; k++) {
            int comma = text.indexOf(',', start);
            out[k] = text.substring(start, comma);
            start = comma + 1;
        }
        out[cells - 1] = text.substring(start);
        return out;
    }

    /** One record that cannot be split into cells. */
    public static final class CsvRowException extends RuntimeException {
        public CsvRowException(String message) {
            super(message);
        }
    }
}
