package dev.cobranca.csvimport;

import dev.cobranca.core.charge.Debt;

/**
 * How a valid row waits in the sorted runs for its key range to load: the bytes the charge loader reads back (for
 * PostgreSQL, COPY text). Chosen with the store in the composition root; the reader only encodes with it.
 * Thread-safe: every reading thread encodes with the same one.
 */
@FunctionalInterface
public interface RowFormat {

    /** The row without its debtId: the sorted runs keep that as the key, beside these bytes. */
    byte[] encode(Debt debt);
}
