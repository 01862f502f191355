package dev.cobranca.local;

/** The runner's exit codes; the README lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The upload ended FAILED, stalled, or timed out; or a function invocation failed. */
    public static final int UPLOAD_FAILED = 1;
    /** Bad command line (picocli's own code). */
    public static final int USAGE = 2;
    public static final int POSTGRES_UNREACHABLE = 3;
    public static final int PORT_IN_USE = 4;
    public static final int FILE_NOT_FOUND = 5;
    public static final int UNKNOWN_FUNCTION = 6;
    public static final int MALFORMED_EVENT = 7;
    public static final int BAD_TEMPLATE = 8;
    /** A function failed to initialise (its configuration or dependencies). */
    public static final int FUNCTION_INIT_FAILED = 9;
    /** {@code migrate}: a migration failed (Flyway's message says which and why). */
    public static final int MIGRATION_FAILED = 10;
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
