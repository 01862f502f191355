package dev.cobranca.emulators;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Turns "address already in use" into a message naming the emulator and the port. */
final class Ports {

    private Ports() {
    }

    /**
     * Fails fast with {@link PortInUseException} when a fixed port is taken: some servers (GreenMail) only log
     * the bind error and time out. 0 (a free port) always passes.
     */
    static void requireFree(String emulator, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw startFailure(emulator, port, e instanceof BindException ? e : new BindException(e.getMessage()));
        }
    }

    static RuntimeException startFailure(String emulator, int port, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new PortInUseException(emulator + " cannot listen on port " + port
                        + ": it is already in use. Stop what uses it or choose another port.", port, e);
            }
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(emulator + " did not start: " + e.getMessage(), e);
    }
}
