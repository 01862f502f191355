package dev.cobranca.core.importing;

import java.io.InputStream;

/**
 * Reads an upload row by row: splits records, resolves the header, validates each row. Holds one row at a time.
 *
 * <pre>{@code
 * CsvHeader header = DebtFileReader.readHeader(store.open(key));
 * try (DebtFileReader rows = new DebtFileReader(store.open(key, pos.byteOffset()), pos, header, validator)) {
 *     for (RowOutcome row; (row = rows.next()) != null; ) { ... rows.position() ... }
 * }
 * }</pre>
 */
public final class DebtFileReader implements AutoCloseable {

    private final CsvRecordReader records;
    private final CsvRowParser parser = new CsvRowParser();
    private final CsvHeader header;
    private final DebtValidator validator;

    /**
     * @param in    the file's bytes from {@code start.byteOffset()} on
     * @param start {@link #dataStart(InputStream)} for a new import, or a committed position to resume from
     */
    public DebtFileReader(InputStream in, CsvPosition start, CsvHeader header, DebtValidator validator) {
        this.records = new CsvRecordReader(in, start);
        this.header = header;
        this.validator = validator;
    }

    private DebtFileReader(CsvRecordReader records, CsvHeader header, DebtValidator validator) {
        this.records = records;
        this.header = header;
        this.validator = validator;
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

    private static CsvHeader readHeader(CsvRecordReader reader) {
        {
            CsvRecord first = reader.next();
            if (first == null) {
                throw new CsvFormatException("the file is empty (expected a first row naming "
                        + CsvHeader.expected() + ")");
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
        while (true) {
            CsvRecord record = records.next();
            if (record == null) {
                return null;
            }
            String[] cells;
            try {
                cells = parser.parse(record.text());
            } catch (CsvRowParser.CsvRowException e) {
                return new RowOutcome.Rejected(record.line(), e.getMessage(), record.text());
            }
            if (allBlank(cells)) {
                continue; // a row of bare commas is an empty line a spreadsheet wrote
            }
            return validator.validate(record.line(), cells, header, record.text());
        }
    }

    /** After the last row returned; not counting rows of bare commas that were skipped after it. */
    public CsvPosition position() {
        return records.position();
    }

    private static boolean allBlank(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        records.close();
    }

    public record HeaderAndStart(CsvHeader header, CsvPosition start) {
    }
}
