package dev.cobranca.core.bank;

/** A remessa being written: each title goes straight to the writer, nothing accumulates. Not thread-safe. */
public interface RemittanceFile {

    /** @throws IllegalArgumentException when the title cannot be written (the file is still usable) */
    void add(RemittanceTitle title);

    /** Writes the lot trailer and the file trailer and flushes; the caller closes the writer. */
    RemittanceSummary finish();
}
