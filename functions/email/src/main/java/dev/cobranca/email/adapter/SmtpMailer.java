package dev.cobranca.email.adapter;

import dev.cobranca.email.Email;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.MailDeliveryException;
import dev.cobranca.email.Mailer;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import dev.cobranca.email.MailDeliveryException.Kind;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * {@link Mailer} over SMTP with Jakarta Mail (Angus). On AWS the server is Amazon SES's SMTP interface: port 587,
 * STARTTLS required, SMTP credentials from Secrets Manager.
 * <p>
 * A session holds one connection for all the e-mails of a batch (a TLS handshake and AUTH per e-mail would cost
 * more than the e-mail). It connects on the first send and again after a transient failure.
 * <p>
 * Classification, as Amazon SES answers: {@code 454} (throttling, daily quota) and {@code 421} mean slow down
 * ({@link Kind#THROTTLED}); a refused login, a refused sender or a 5xx that names our identity or account
 * ({@code 554 Message rejected: Email address is not verified}, sending paused) means no e-mail can go until a
 * person acts ({@link Kind#BLOCKED}); any other 5xx about the recipient or the message ({@code 550 unknown user}) is
 * permanent for this e-mail; other 4xx replies, timeouts and lost connections are transient.
 * <p>
 * Internationalised addresses (RFC 6531): a Unicode domain goes out as Punycode (IDNA), which every server takes; a
 * non-ASCII local part needs the server's {@code SMTPUTF8} extension, which Amazon SES does not offer: without it
 * the e-mail is refused here, for good, with a reason that says so.
 */
public final class SmtpMailer implements Mailer {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]:;,\"']+@[^\\s<>()\\[\\]:;,\"']+");
    /** SES's words for a refusal about our identity or account rather than the debtor's address. */
    private static final Pattern ACCOUNT_PROBLEM = Pattern.compile(
            "(?i)not verified|sandbox|sending paused|account (?:is )?(?:paused|suspended|disabled)|access denied|not authori[sz]ed");
    public static final String NEEDS_SMTPUTF8 = "the address has a non-ASCII local part, which needs SMTPUTF8 (RFC 6531), and the "
            + "mail server does not offer SMTPUTF8 (Amazon SES does not)";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");
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
    private final InternetAddress from;
    private final String messageIdDomain;

    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
        Properties utf8 = properties(config);
        utf8.setProperty("mail.mime.allowutf8", "true");
        this.utf8Session = Session.getInstance(utf8);
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("MAIL_FROM is not a valid address: " + e.getMessage(), e);
        }
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
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

    /** {@code <boleto.DEBTID@domain>}; a debtId that is not a valid dot-atom is hashed instead. */
    String messageId(String referenceId) {
        String local = SAFE_ID.matcher(referenceId).matches() ? referenceId : sha256(referenceId);
        return "<boleto." + local + "@" + messageIdDomain + ">";
    }

    MimeMessage toMessage(Email email) throws MessagingException {
        // Only a non-ASCII mailbox gets raw UTF-8 headers; every other e-mail keeps RFC 2047 encoded words, which a
        // server without SMTPUTF8 (Amazon SES) requires.
        Session s = needsSmtpUtf8(email.to()) ? utf8Session : session;
        MimeMessage message = new FixedIdMimeMessage(s, messageId(email.referenceId()));
        message.setFrom(from);
        try {
            InternetAddress to = recipient(email.to());
            if (email.toName() != null && !email.toName().isBlank()) {
                to.setPersonal(email.toName(), StandardCharsets.UTF_8.name());
            }
            message.setRecipient(Message.RecipientType.TO, to);
            message.setHeader(REFERENCE_HEADER, MimeUtility.fold(REFERENCE_HEADER.length() + 2,
                    MimeUtility.encodeText(email.referenceId(), StandardCharsets.UTF_8.name(), null)));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(email.attachment(), "application/pdf")));
        pdf.setFileName(email.attachmentName());
        pdf.setDisposition(Part.ATTACHMENT);

        message.setContent(new MimeMultipart("mixed", body, pdf));
        message.saveChanges();
        return message;
    }

    /**
     * The recipient as it goes on the wire: a Unicode domain in Punycode. Jakarta Mail's strict parser refuses
     * non-ASCII unless a JVM-wide property says otherwise; the import has already checked the address's shape.
     */
    static InternetAddress recipient(String address) throws AddressException {
        int at = address.lastIndexOf('@');
        if (at <= 0 || isAscii(address)) {
            return new InternetAddress(address, true);
        }
        String domain = address.substring(at + 1);
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new AddressException("the domain is not a valid internationalised domain name: " + e.getMessage());
        }
        InternetAddress to = new InternetAddress();
        to.setAddress(address.substring(0, at) + "@" + domain);
        return to;
    }

    /** Whether this recipient can only be reached with SMTPUTF8 (a non-ASCII local part; domains become Punycode). */
    static boolean needsSmtpUtf8(String address) {
        int at = address.lastIndexOf('@');
        return !isAscii(at < 0 ? address : address.substring(0, at));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private final class SmtpSession implements MailSession {

        private Transport transport;
        /** A second connection, opened only for non-ASCII mailboxes (its MAIL FROM carries SMTPUTF8). */
        private Transport utf8Transport;

        @Override
        public void send(Email email) {
            boolean utf8 = needsSmtpUtf8(email.to());
            if (utf8 && Boolean.FALSE.equals(serverOffersSmtpUtf8)) {
                throw MailDeliveryException.permanent(NEEDS_SMTPUTF8, null);
            }
            MimeMessage message;
            try {
                message = toMessage(email);
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
                MailDeliveryException failure = classify(e);
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

    /** Permanent only when the server answered 5xx about this recipient or this message; see the class comment. */
    static MailDeliveryException classify(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return MailDeliveryException.blocked("SMTP login refused: " + maskAddresses(e.getMessage()), e);
        }
        int code = replyCode(e);
        // Server replies often quote the recipient: never let a whole address reach a log or last_error.
        String reason = maskAddresses(code > 0 ? firstLine(serverReply(e)) : e.toString());
        if (code == 454 || code == 421) {
            return MailDeliveryException.throttled(reason, e);
        }
        if (code == 530 || code == 535 || (code >= 500 && code < 600
                && (senderRefused(e) || ACCOUNT_PROBLEM.matcher(reason).find()))) {
            return MailDeliveryException.blocked(reason, e);
        }
        if (code >= 500 && code < 600) {
            return MailDeliveryException.permanent(reason, e);
        }
        if (code <= 0 && e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                && sfe.getInvalidAddresses().length > 0) {
            return MailDeliveryException.permanent("invalid address: " + maskAddresses(e.getMessage()), e);
        }
        return MailDeliveryException.transientFailure(reason, e);
    }

    /** The reply code of the first exception in the chain that carries one; 0 when none does. */
    private static int replyCode(Exception e) {
        for (Exception x = e; x != null; x = next(x)) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    private static String serverReply(Exception e) {
        for (Exception x = e; x != null; x = next(x)) {
            if (x instanceof SMTPAddressFailedException || x instanceof SMTPSendFailedException
                    || x instanceof SMTPSenderFailedException) {
                return x.getMessage();
            }
        }
        return e.getMessage();
    }

    /** A refused MAIL FROM is about our sender or account (e.g. SES sandbox, unverified identity), not the debtor. */
    private static boolean senderRefused(Exception e) {
        for (Exception x = e; x != null; x = next(x)) {
            if (x instanceof SMTPSenderFailedException) {
                return true;
            }
        }
        return false;
    }

    private static Exception next(Exception x) {
        return x instanceof MessagingException m ? m.getNextException() : null;
    }

    static String maskAddresses(String s) {
        return s == null ? "" : ADDRESS.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                dev.cobranca.core.log.Masking.email(m.group())));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }

    private static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the Message-ID we chose: saveChanges() would otherwise replace it with a random one. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
