package dev.cobranca.emulators;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SMTP (GreenMail) over a real socket. It can answer like a real relay that refuses: {@link #rejectRecipient}
 * makes it answer {@code 550} to {@code RCPT TO} for an address (a permanent failure), and
 * {@link #failNextTransiently(int)} makes it answer {@code 451} to the next n {@code MAIL FROM}s (a transient one;
 * {@link #failTransiently(boolean)} until switched off). Like Amazon SES, it can refuse at the end of DATA: {@link #throttleNext(int)} answers {@code 454} to
 * the next n messages (then accepts again), {@link #refuseSender(String, String)} refuses every message from a
 * sender (SES's {@code 554 Message rejected: Email address is not verified}). It offers {@code SMTPUTF8} (RFC 6531).
 * {@link #writeEml(Path)} saves each accepted message as an {@code .eml} file.
 */
public final class SmtpEmulator implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private final CheckingGreenMail greenMail;

    private SmtpEmulator(CheckingGreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts on a free port. */
    public static SmtpEmulator start() {
        return start(0);
    }

    /** @param port the port to listen on; 0 picks a free one */
    public static SmtpEmulator start(int port) {
        EmulatorLogging.quiet();
        Ports.requireFree("SMTP (GreenMail)", port);
        ServerSetup setup = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        CheckingGreenMail greenMail = new CheckingGreenMail(setup);
        boolean started = false;
        try {
            greenMail.start();
            started = true;
            return new SmtpEmulator(greenMail);
        } catch (RuntimeException e) {
            throw Ports.startFailure("SMTP (GreenMail)", port, e);
        } finally {
            if (!started) {
                try {
                    greenMail.stop();
                } catch (RuntimeException e) {
                    // never started
                }
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message accepted so far, one per recipient. */
    public MimeMessage[] receivedMessages() {
        return greenMail.getReceivedMessages();
    }

    /** Waits until {@code count} messages arrived since the call; false on timeout. */
    public boolean waitForIncomingEmail(long timeoutMs, int count) {
        return greenMail.waitForIncomingEmail(timeoutMs, count);
    }

    /** From now on, {@code RCPT TO:<address>} gets {@code 550 5.1.1} (case-insensitive). */
    public void rejectRecipient(String address) {
        greenMail.checks.rejected.add(address.toLowerCase(Locale.ROOT));
    }

    /** While on, {@code MAIL FROM} gets {@code 451 4.3.0}: a client sees a transient failure and may retry. */
    public void failTransiently(boolean on) {
        greenMail.checks.transientFailure = on;
    }

    /**
     * The next {@code count} {@code MAIL FROM}s get {@code 451 4.3.0}, then it accepts again: a fault counted in
     * deliveries, not timed, so a test of retries does not depend on how fast the machine is.
     */
    public void failNextTransiently(int count) {
        greenMail.checks.transientFailures.set(count);
    }

    /** The next {@code count} messages get {@code 454 Throttling failure} at the end of DATA, as SES answers over its rate. */
    public void throttleNext(int count) {
        greenMail.checks.throttled.set(count);
    }

    /** Every message from this sender gets {@code reply} at the end of DATA (case-insensitive); null lifts it. */
    public void refuseSender(String address, String reply) {
        String key = address.toLowerCase(Locale.ROOT);
        if (reply == null) {
            greenMail.checks.senderRefusals.remove(key);
        } else {
            greenMail.checks.senderRefusals.put(key, reply);
        }
    }

    /** Saves each message accepted from now on as {@code <dir>/<time>-<n>-<recipient>.eml}; null stops it. */
    public void writeEml(Path dir) {
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the mail directory " + dir, e);
            }
        }
        greenMail.checks.emlDir = dir;
    }

    /**
     * Whether accepted messages also stay in GreenMail's mailboxes (for {@link #receivedMessages()}). The local
     * runner turns it off when it writes {@code .eml} files: GreenMail keeps every message in memory and looks
     * recipients up in a list, which a 100,000-e-mail demo cannot afford.
     */
    public void keepInMemory(boolean keep) {
        greenMail.checks.keepInMemory = keep;
    }

    /** Drops the messages received so far. */
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot purge GreenMail mailboxes", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    @Override
    public String toString() {
        return "SmtpEmulator[" + HOST + ":" + port() + "]";
    }

    /** What the SMTP commands are checked against; changed at run time by the test or the runner. */
    static final class Checks {
        final Set<String> rejected = ConcurrentHashMap.newKeySet();
        volatile boolean transientFailure;
        final AtomicInteger transientFailures = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final Map<String, String> senderRefusals = new ConcurrentHashMap<>();
        volatile Path emlDir;
        volatile boolean keepInMemory = true;
    }

    /** GreenMail whose SMTP manager consults {@link Checks}: its documented extension point for answers. */
    private static final class CheckingGreenMail extends GreenMail {

        final Checks checks = new Checks();

        CheckingGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers ignored) {
            // GreenMail builds its managers in start(); swap in ours so the SMTP server, the received
            // messages and waitForIncomingEmail all share the checking SMTP manager.
            this.managers = new CheckingManagers(checks);
            return super.createServices(config, this.managers);
        }
    }

    private static final class CheckingManagers extends Managers {

        private final SmtpManager smtp;

        CheckingManagers(Checks checks) {
            this.smtp = new CheckingSmtpManager(this, checks);
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}
