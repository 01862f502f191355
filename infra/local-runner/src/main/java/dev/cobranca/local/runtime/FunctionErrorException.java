package dev.cobranca.local.runtime;

/** The handler threw: Lambda's "function error" (the batch is retried, the async event is retried). */
public final class FunctionErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionErrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
