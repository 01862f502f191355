package dev.cobranca.core.bank;

/** A retorno being written, streamed. Not thread-safe. */
public interface ReturnFile {

    /** Writes a segment T and a segment U ({@code line} of the occurrence is ignored). */
    void add(ReturnOccurrence occurrence);

    /** Whether one more occurrence fits (the file trailer counts records in 6 digits). */
    boolean canAdd();

    /** Writes the lot and file trailers and flushes; returns the number of records written. */
    long finish();
}
