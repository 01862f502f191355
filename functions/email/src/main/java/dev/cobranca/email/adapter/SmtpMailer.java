package dev.cobranca.email.adapter;

import dev.cobranca.email.Email;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.MailDeliveryException;
import dev.cobranca.email.MailDeliveryException.Kind;
import dev.cobranca.email.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * {@link Mailer} over SMTP with Jakarta Mail (Angus). On AWS the server is Amazon SES's SMTP interface: port 587,
 * STARTTLS required, SMTP credentials from Secrets Manager.
 * <p>
 * A session holds one connection for all the e-mails of a batch (a TLS handshake and AUTH per e-mail would cost
 * more than the e-mail). It connects on the first send and again after a transient failure.
 * <p>
 * A failure is classified by {@link SmtpReplies}: {@link Kind#THROTTLED} means slow down, {@link Kind#BLOCKED} means
 * no e-mail can go until a person acts, a refusal about the recipient or the message is permanent for this e-mail.
 * <p>
 * Internationalised addresses (RFC 6531): a Unicode domain goes out as Punycode (IDNA), which every server takes; a
 * non-ASCII local part needs the server's {@code SMTPUTF8} extension, which Amazon SES does not offer: without it
 * the e-mail is refused here, for good, with a reason that says so.
 */
public final class SmtpMailer implements Mailer {

    public static final String NEEDS_SMTPUTF8 = "the address has a non-ASCII local part, which needs SMTPUTF8 (RFC 6531), and the "
            + "mail server does not offer SMTPUTF8 (Amazon SES does not)";
    /** Header naming the charge, for anyone reading a mailbox or a bounce; SES may replace Message-ID, not this. */
    public static final String REFERENCE_HEADER = "X-Cobranca-Debt-Id";
    /** The system property Jakarta Mail reads before it falls back to ServiceLoader to find its StreamProvider. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up again for every body part, header block and encoder; through
        // ServiceLoader that is a scan of the classpath each time, about half the CPU of building an e-mail (profiled
        // in the local runner). Naming Angus's implementation, which is the one ServiceLoader finds, skips the scan.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final SmtpConfig config;
    private final Session session;
    /** For non-ASCII mailboxes only: raw UTF-8 in the envelope and headers (RFC 6531/6532), MAIL FROM ... SMTPUTF8. */
    private final Session utf8Session;
    /** Whether the server offers SMTPUTF8, once a non-ASCII mailbox made us ask; null until then. */
    private volatile Boolean serverOffersSmtpUtf8;
    private final MimeMessageBuilder messages;

    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
        Properties utf8 = properties(config);
        utf8.setProperty("mail.mime.allowutf8", "true");
        this.utf8Session = Session.getInstance(utf8);
        InternetAddress from;
        try {
            from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("MAIL_FROM is not a valid address: " + e.getMessage(), e);
        }
        this.messages = new MimeMessageBuilder(session, utf8Session, from);
    }

    private static Properties properties(SmtpConfig config) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", config.host());
        p.setProperty("mail.smtp.port", Integer.toString(config.port()));
        p.setProperty("mail.smtp.auth", Boolean.toString(config.username() != null));
        // When TLS is asked for it is required: never fall back to sending credentials and boletos in the clear.
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        // Within the e-mail function's time margin (EMAIL_TIME_MARGIN_MS): a silent server ends the send, not the function.
        p.setProperty("mail.smtp.timeout", "10000");
        p.setProperty("mail.smtp.writetimeout", "10000");
        // Errors carry the server's reply codes (SMTPAddressFailedException...), which classification needs.
        p.setProperty("mail.smtp.reportsuccess", "false");
        p.setProperty("mail.smtp.sendpartial", "false");
        p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        return p;
    }

    @Override
    public MailSession openSession() {
        return new SmtpSession();
    }

    /** Package-private for tests of the message as it is built. */
    MimeMessageBuilder messages() {
        return messages;
    }

    private final class SmtpSession implements MailSession {

        private Transport transport;
        /** A second connection, opened only for non-ASCII mailboxes (its MAIL FROM carries SMTPUTF8). */
        private Transport utf8Transport;

        @Override
        public void send(Email email) {
            boolean utf8 = MailboxAddresses.needsSmtpUtf8(email.to());
            if (utf8 && Boolean.FALSE.equals(serverOffersSmtpUtf8)) {
                throw MailDeliveryException.permanent(NEEDS_SMTPUTF8, null);
            }
            MimeMessage message;
            try {
                message = messages.toMessage(email);
            } catch (AddressException e) {
                throw MailDeliveryException.permanent("invalid recipient address: " + e.getMessage(), e);
            } catch (MessagingException e) {
                throw MailDeliveryException.permanent("cannot build the message: " + e.getMessage(), e);
            }
            try {
                Transport t = utf8 ? connectedUtf8() : connected();
                if (utf8) {
                    boolean offered = t instanceof SMTPTransport smtp && smtp.supportsExtension("SMTPUTF8");
                    serverOffersSmtpUtf8 = offered;
                    if (!offered) {
                        throw MailDeliveryException.permanent(NEEDS_SMTPUTF8, null);
                    }
                }
                t.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException e) {
                MailDeliveryException failure = SmtpReplies.classify(e);
                if (failure.kind() != Kind.REFUSED) {
                    disconnect(); // start the next e-mail on a fresh connection
                }
                throw failure;
            }
        }

        private Transport connected() throws MessagingException {
            // Tracked here, not with Transport.isConnected(), which costs a NOOP round trip per call.
            if (transport == null) {
                transport = connect(session);
            }
            return transport;
        }

        private Transport connectedUtf8() throws MessagingException {
            if (utf8Transport == null) {
                utf8Transport = connect(utf8Session);
            }
            return utf8Transport;
        }

        private Transport connect(Session s) throws MessagingException {
            Transport t = s.getTransport("smtp");
            t.connect(config.host(), config.port(), config.username(), config.password());
            return t;
        }

        private void disconnect() {
            closeQuietly(transport);
            closeQuietly(utf8Transport);
            transport = null;
            utf8Transport = null;
        }

        private static void closeQuietly(Transport t) {
            if (t != null) {
                try {
                    t.close();
                } catch (MessagingException ignored) {
                    // the connection is being dropped anyway
                }
            }
        }

        @Override
        public void close() {
            disconnect();
        }
    }
}
