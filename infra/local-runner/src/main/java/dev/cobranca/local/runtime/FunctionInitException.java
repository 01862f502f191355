package dev.cobranca.local.runtime;

/** A function's handler could not be found or built: Lambda's "init error". */
public final class FunctionInitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionInitException(String message, Throwable cause) {
        super(message, cause);
    }
}
