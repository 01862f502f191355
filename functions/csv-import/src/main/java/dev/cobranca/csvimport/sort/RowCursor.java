package dev.cobranca.csvimport.sort;

/** Rows in debtId order, each debtId once (its first line in the file). */
public interface RowCursor extends AutoCloseable {

    /** @return false at the end */
    boolean next();

    byte[] key();

    /** The row's line in the file. */
    long line();

    /** The row as the store encoded it when the file was read. */
    byte[] payload();

    @Override
    void close();
}
