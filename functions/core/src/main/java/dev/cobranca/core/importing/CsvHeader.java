package dev.cobranca.core.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each required column sits in a file's header. Columns are matched by name (trimmed, case-insensitive),
 * in any order; extra columns are ignored.
 *
 * @param width the number of cells in the header row
 */
public record CsvHeader(Map<DebtColumn, Integer> indexes, int width) {

    public CsvHeader {
        indexes = Map.copyOf(indexes);
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
            if (!indexes.containsKey(column)) {
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

    public int index(DebtColumn column) {
        return indexes.get(column);
    }

    static String expected() {
        StringBuilder sb = new StringBuilder();
        for (DebtColumn column : DebtColumn.values()) {
            sb.append(sb.isEmpty() ? "" : ",").append(column.header());
        }
        return sb.toString();
    }
}
