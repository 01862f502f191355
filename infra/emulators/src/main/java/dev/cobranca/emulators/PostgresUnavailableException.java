package dev.cobranca.emulators;

/** PostgreSQL could not be reached; the message says how to start it. */
public final class PostgresUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
