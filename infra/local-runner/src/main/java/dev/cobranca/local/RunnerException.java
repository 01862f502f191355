package dev.cobranca.local;

/** A failure the user can act on: its message is printed as is, and the process exits with {@link #exitCode()}. */
public class RunnerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public RunnerException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public RunnerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
