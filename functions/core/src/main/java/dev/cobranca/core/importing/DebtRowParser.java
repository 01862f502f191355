package dev.cobranca.core.importing;

/**
 * Turns one record of an upload into its outcome: cells split, then every rule checked. One per thread (the cell
 * parser keeps state); records may come from any position of the file, in any order.
 */
public final class DebtRowParser {

    private final CsvRowParser parser = new CsvRowParser();
    private final CsvHeader header;
    private final DebtValidator validator;

    public DebtRowParser(CsvHeader header, DebtValidator validator) {
        this.header = header;
        this.validator = validator;
    }

    /** @return the row's outcome, or null for a row of bare commas (an empty line a spreadsheet wrote) */
    public RowOutcome parse(CsvRecord record) {
        if (record.problem() != null) {
            return new RowOutcome.Rejected(record.line(), record.problem(), record.text());
        }
        String[] cells;
        try {
            cells = parser.parse(record.text());
        } catch (CsvRowParser.CsvRowException e) {
            return new RowOutcome.Rejected(record.line(), e.getMessage(), record.text());
        }
        if (allBlank(cells)) {
            return null;
        }
        return validator.validate(record.line(), cells, header, record.text());
    }

    private static boolean allBlank(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
