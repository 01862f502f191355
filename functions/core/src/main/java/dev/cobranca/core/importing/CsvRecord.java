package dev.cobranca.core.importing;

/**
 * One record of a CSV file as it appears there.
 *
 * @param line the line on which the record starts (a quoted value may span several lines)
 * @param text the record's text without its line ending
 */
public record CsvRecord(long line, String text) {
}
