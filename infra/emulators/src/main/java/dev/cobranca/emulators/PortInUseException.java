package dev.cobranca.emulators;

/** An emulator (or the runner's HTTP server) could not listen on a fixed port. */
public final class PortInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(String message, int port, Throwable cause) {
        super(message, cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
