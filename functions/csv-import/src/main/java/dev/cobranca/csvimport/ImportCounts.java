package dev.cobranca.csvimport;

/**
 * Rows of one upload. {@code total = accepted + rejected + duplicate} once the import has ended.
 *
 * @param total     data rows read (header and blank lines not counted)
 * @param rejected  rows breaking a rule (listed in the report)
 * @param valid    valid rows, before duplicates were told apart
 * @param accepted  rows that became a charge
 * @param duplicate valid rows whose debtId was already charged (an earlier upload or an earlier line)
 */
public record ImportCounts(long total, long rejected, long valid, long accepted, long duplicate) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);
}
