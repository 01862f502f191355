package dev.cobranca.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One transaction on a pooled connection, written once: auto-commit off, the work, commit; on any failure a
 * rollback (its own failure kept as suppressed) and the failure rethrown; auto-commit back on before the connection
 * returns to the pool, so the next borrower never inherits an open transaction.
 *
 * <p>{@link SQLException} reaches the caller as it is, so each adapter says in its own words what failed; an
 * {@link IOException} of the work (a {@code COPY} stream) comes out as {@link UncheckedIOException}.
 */
public final class Transactions {

    private Transactions() {
    }

    /** Work that returns a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Work that returns nothing. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Connection connection) throws SQLException, IOException;
    }

    /** Runs {@code work} in one transaction on a connection of {@code dataSource}; returns what it returned. */
    public static <T> T call(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return call(c, work);
        }
    }

    /** As {@link #call(DataSource, Work)}, for work that returns nothing. */
    public static void run(DataSource dataSource, VoidWork work) throws SQLException {
        call(dataSource, c -> {
            work.run(c);
            return null;
        });
    }

    /**
     * Runs {@code work} in one transaction on {@code connection}, which stays open. A work that calls
     * {@code rollback()} itself ends with nothing to commit.
     */
    private static <T> T call(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            undo(connection, e);
            throw e;
        } catch (IOException e) {
            undo(connection, e);
            throw new UncheckedIOException(e);
        }
        connection.setAutoCommit(true);
        return result;
    }

    /** Rollback and auto-commit back on; what fails here is kept beside the failure that got here, not over it. */
    private static void undo(Connection connection, Throwable failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
