package dev.cobranca.core.importing;

import java.io.InputStream;

/**
 * Reads an upload row by row: splits records, resolves the header, validates each row. Holds one row at a time.
 *
 * <pre>{@code
 * try (DebtFileReader rows = DebtFileReader.fromStart(store.open(key), validator)) {
 *     for (RowOutcome row; (row = rows.next()) != null; ) { ... rows.position() ... }
 * }
 * }</pre>
 * The import itself reads with {@link CsvRecordReader} and {@link DebtRowParser} on several threads.
 */
public final class DebtFileReader implements AutoCloseable {

    private final CsvRecordReader records;
    private final CsvHeader header;
    private final DebtRowParser rows;

    /**
     * @param in    the file's bytes from {@code start.byteOffset()} on
     * @param start {@link #dataStart(InputStream)} for a new import, or a committed position to resume from
     */
    public DebtFileReader(InputStream in, CsvPosition start, CsvHeader header, DebtValidator validator) {
        this(new CsvRecordReader(in, start), header, validator);
    }

    private DebtFileReader(CsvRecordReader records, CsvHeader header, DebtValidator validator) {
        this.records = records;
        this.header = header;
        this.rows = new DebtRowParser(header, validator);
    }

    /** Reads a whole file: its header first, then the rows, from one stream. */
    public static DebtFileReader fromStart(InputStream in, DebtValidator validator) {
        CsvRecordReader reader = new CsvRecordReader(in, CsvPosition.START);
        try {
            return new DebtFileReader(reader, readHeader(reader), validator);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public CsvHeader header() {
        return header;
    }

    /** Reads the header and where the data rows start; closes {@code in}. */
    public static HeaderAndStart dataStart(InputStream in) {
        try (CsvRecordReader reader = new CsvRecordReader(in, CsvPosition.START)) {
            CsvHeader header = readHeader(reader);
            CsvPosition afterHeader = reader.position();
            return new HeaderAndStart(header, afterHeader);
        }
    }

    /**
     * Reads the header off a reader at the start of a file; the reader then counts data records from 1.
     *
     * @throws CsvFormatException when the file is empty or its first row lacks a required column
     */
    public static CsvHeader readHeader(CsvRecordReader reader) {
        {
            CsvRecord first = reader.next();
            if (first == null) {
                throw new CsvFormatException("the file is empty (expected a first row naming "
                        + CsvHeader.expected() + ")");
            }
            if (first.problem() != null) {
                throw new CsvFormatException("the header cannot be read: " + first.problem()
                        + " (expected a first row naming " + CsvHeader.expected() + ")");
            }
            String[] cells;
            try {
                cells = new CsvRowParser().parse(first.text());
            } catch (CsvRowParser.CsvRowException e) {
                throw new CsvFormatException("the header is not a CSV row: " + e.getMessage());
            }
            CsvHeader header = CsvHeader.resolve(cells);
            reader.restartCount();
            return header;
        }
    }

    /** @return the next data row, or null at the end of the file */
    public RowOutcome next() {
        for (CsvRecord record; (record = records.next()) != null; ) {
            RowOutcome row = rows.parse(record);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    /** After the last row returned; not counting rows of bare commas that were skipped after it. */
    public CsvPosition position() {
        return records.position();
    }

    @Override
    public void close() {
        records.close();
    }

    public record HeaderAndStart(CsvHeader header, CsvPosition start) {
    }
}
