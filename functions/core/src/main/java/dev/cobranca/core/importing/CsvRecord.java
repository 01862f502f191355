package dev.cobranca.core.importing;

/**
 * One record of a CSV file as it appears there.
 *
 * @param line    the line on which the record starts (a quoted value may span several lines)
 * @param text    the record's text without its line ending; for a record over the byte limit, a prefix of it
 * @param problem why the record cannot be a row at all (over the byte limit, not UTF-8), or null
 */
public record CsvRecord(long line, String text, String problem) {

    public CsvRecord(long line, String text) {
        this(line, text, null);
    }
}
