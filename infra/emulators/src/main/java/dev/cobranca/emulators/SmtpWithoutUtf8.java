package dev.cobranca.emulators;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An SMTP server that does not offer {@code SMTPUTF8}, as Amazon SES's SMTP interface: it relays every byte to an
 * upstream server (the {@link SmtpEmulator}) and back, except that the {@code SMTPUTF8} line of the EHLO reply reads
 * {@code HELP}. Clients see a real SMTP peer that cannot take a non-ASCII mailbox.
 */
public final class SmtpWithoutUtf8 implements AutoCloseable {

    private static final byte[] OFFER = "SMTPUTF8".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HIDDEN = "HELP".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;

    private SmtpWithoutUtf8(ServerSocket server, String upstreamHost, int upstreamPort) {
        this.server = server;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
    }

    /** Listens on a free port of 127.0.0.1 in front of {@code upstream}. */
    public static SmtpWithoutUtf8 start(SmtpEmulator upstream) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(SmtpEmulator.HOST));
            SmtpWithoutUtf8 proxy = new SmtpWithoutUtf8(server, upstream.host(), upstream.port());
            Thread.ofVirtual().name("smtp-without-utf8").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SMTP relay without SMTPUTF8", e);
        }
    }

    public String host() {
        return SmtpEmulator.HOST;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            Thread up = Thread.ofVirtual().start(() -> copy(client, upstream));
            copyReplies(upstream, client);
            up.join();
        } catch (IOException | InterruptedException e) {
            // the client or the server hung up
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(to);
        }
    }

    /** Server replies, line by line, with the SMTPUTF8 offer of EHLO ({@code 250-SMTPUTF8} or {@code 250 SMTPUTF8}) hidden. */
    private static void copyReplies(Socket from, Socket to) throws IOException {
        InputStream in = new BufferedInputStream(from.getInputStream());
        OutputStream out = to.getOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    out.write(rewrite(line.toByteArray()));
                    out.flush();
                    line.reset();
                }
            }
        } finally {
            closeQuietly(to);
        }
    }

    static byte[] rewrite(byte[] line) {
        // "250-SMTPUTF8\r\n" or "250 SMTPUTF8\r\n": the code and its separator stay, so the reply stays well formed.
        if (line.length >= 4 + OFFER.length && line[0] == '2' && line[1] == '5' && line[2] == '0'
                && Arrays.equals(line, 4, 4 + OFFER.length, OFFER, 0, OFFER.length)) {
            byte[] out = new byte[line.length - OFFER.length + HIDDEN.length];
            System.arraycopy(line, 0, out, 0, 4);
            System.arraycopy(HIDDEN, 0, out, 4, HIDDEN.length);
            System.arraycopy(line, 4 + OFFER.length, out, 4 + HIDDEN.length, line.length - 4 - OFFER.length);
            return out;
        }
        return line;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
