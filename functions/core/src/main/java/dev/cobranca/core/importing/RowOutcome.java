package dev.cobranca.core.importing;

import dev.cobranca.core.charge.Debt;

/** What became of one data row of an upload. */
public sealed interface RowOutcome {

    long line();

    /** A valid row: a debt to be charged (unless its debtId was seen before). */
    record Accepted(long line, Debt debt) implements RowOutcome {
    }

    /**
     * A row that breaks a rule.
     *
     * @param reason every rule it breaks, for the person who fixes the file
     * @param text   the row as it appears in the file
     */
    record Rejected(long line, String reason, String text) implements RowOutcome {
    }
}
