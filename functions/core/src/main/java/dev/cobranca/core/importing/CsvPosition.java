package dev.cobranca.core.importing;

/**
 * A point between two records of a file, where reading can resume.
 *
 * @param byteOffset the byte right after the last record read
 * @param nextLine   the line number (1-based, as an editor shows it) at that byte
 * @param records    the data rows read so far (blank lines and the header not counted)
 */
public record CsvPosition(long byteOffset, long nextLine, long records) {

    public static final CsvPosition START = new CsvPosition(0, 1, 0);
}
