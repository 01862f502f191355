package dev.cobranca.sample;

/**
 * One generated data row.
 *
 * @param csv    the row as written, without line ending
 * @param debtId the row's debtId (as written; meaningless for some dirty kinds)
 * @param dirt   null for a valid row, else the rule it breaks
 */
public record SampleRow(String csv, String debtId, DirtyKind dirt) {

    public boolean valid() {
        return dirt == null;
    }
}
