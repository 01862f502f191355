package dev.cobranca.core.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each column sits in a file's header. Columns are matched by name (trimmed, case-insensitive), in any order;
 * the required ones must all be there, the optional ones (the payer's address) are read when present; unknown columns
 * are ignored.
 *
 * @param width the number of cells in the header row
 */
public record CsvHeader(Map<DebtColumn, Integer> indexes, int width) {

    public CsvHeader {
        indexes = Map.copyOf(indexes);
    }

    /**
     * Reads the header off a reader at the start of a file; the reader then returns the data records.
     *
     * @throws CsvFormatException when the file is empty or its first row lacks a required column
     */
    public static CsvHeader read(CsvRecordReader reader) {
        CsvRecord first = reader.next();
        if (first == null) {
            throw new CsvFormatException("the file is empty (expected a first row naming " + expected() + ")");
        }
        if (first.problem() != null) {
            throw new CsvFormatException("the header cannot be read: " + first.problem()
                    + " (expected a first row naming " + expected() + ")");
        }
        try {
            return resolve(new CsvRowParser().parse(first.text()));
        } catch (CsvRowParser.CsvRowException e) {
            throw new CsvFormatException("the header is not a CSV row: " + e.getMessage());
        }
    }

    /** @throws CsvFormatException naming the missing (or repeated) columns */
    public static CsvHeader resolve(String[] cells) {
        Map<DebtColumn, Integer> indexes = new EnumMap<>(DebtColumn.class);
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            String name = cells[i] == null ? "" : cells[i].strip().toLowerCase(Locale.ROOT);
            for (DebtColumn column : DebtColumn.values()) {
                if (column.header().toLowerCase(Locale.ROOT).equals(name) && indexes.putIfAbsent(column, i) != null) {
                    repeated.add(column.header());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (DebtColumn column : DebtColumn.values()) {
            if (column.required() && !indexes.containsKey(column)) {
                missing.add(column.header());
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvFormatException("the header lacks required column(s): " + String.join(", ", missing)
                    + " (expected a first row naming " + expected() + ")");
        }
        if (!repeated.isEmpty()) {
            throw new CsvFormatException("the header repeats column(s): " + String.join(", ", repeated));
        }
        return new CsvHeader(indexes, cells.length);
    }

    /** @return the column's cell index, or -1 for an optional column the file does not have */
    public int index(DebtColumn column) {
        Integer index = indexes.get(column);
        return index == null ? -1 : index;
    }

    /** Whether the file names any of the payer's address columns. */
    public boolean hasAddress() {
        for (DebtColumn column : indexes.keySet()) {
            if (!column.required()) {
                return true;
            }
        }
        return false;
    }

    static String expected() {
        StringBuilder sb = new StringBuilder();
        for (DebtColumn column : DebtColumn.values()) {
            if (column.required()) {
                sb.append(sb.isEmpty() ? "" : ",").append(column.header());
            }
        }
        return sb.toString();
    }
}
