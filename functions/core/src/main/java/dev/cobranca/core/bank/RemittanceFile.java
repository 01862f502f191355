package dev.cobranca.core.bank;

/** A remessa being written: each title goes straight to the writer, nothing accumulates. Not thread-safe. */
public interface RemittanceFile {

    /**
     * @throws IllegalArgumentException when the title cannot be written (the file is still usable)
     * @throws IllegalStateException    when the file is full ({@link #canAdd()} is false)
     */
    void add(RemittanceTitle title);

    /**
     * Whether one more title fits. A CNAB 240 file counts its records in 6 digits (at most 999,999: about 499,990
     * titles of P and Q); the caller starts another remessa when this says no. Lots (5-digit record numbers inside)
     * are opened by the writer itself.
     */
    boolean canAdd();

    /** Writes the lot trailer and the file trailer and flushes; the caller closes the writer. */
    RemittanceSummary finish();
}
