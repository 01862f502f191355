package dev.cobranca.email.adapter;

import dev.cobranca.email.Email;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Builds the MIME message of one e-mail: text and HTML alternatives, the boleto PDF attached, a stable Message-ID. */
final class MimeMessageBuilder {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");

    private final Session session;
    /** For non-ASCII mailboxes only: raw UTF-8 in the envelope and headers (RFC 6531/6532). */
    private final Session utf8Session;
    private final InternetAddress from;
    private final String messageIdDomain;

    MimeMessageBuilder(Session session, Session utf8Session, InternetAddress from) {
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
        this.from = from;
        this.session = session;
        this.utf8Session = utf8Session;
    }

    /** {@code <boleto.DEBTID@domain>}; a debtId that is not a valid dot-atom is hashed instead. */
    String messageId(String referenceId) {
        String local = SAFE_ID.matcher(referenceId).matches() ? referenceId : sha256(referenceId);
        return "<boleto." + local + "@" + messageIdDomain + ">";
    }

    MimeMessage toMessage(Email email) throws MessagingException {
        // Only a non-ASCII mailbox gets raw UTF-8 headers; every other e-mail keeps RFC 2047 encoded words, which a
        // server without SMTPUTF8 (Amazon SES) requires.
        Session s = MailboxAddresses.needsSmtpUtf8(email.to()) ? utf8Session : session;
        String messageId = messageId(email.referenceId());
        MimeMessage message = new MimeMessage(s) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // keeps the Message-ID we chose: saveChanges() would otherwise replace it with a random one
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        try {
            InternetAddress to = MailboxAddresses.recipient(email.to());
            if (email.toName() != null && !email.toName().isBlank()) {
                to.setPersonal(email.toName(), StandardCharsets.UTF_8.name());
            }
            message.setRecipient(Message.RecipientType.TO, to);
            message.setHeader(SmtpMailer.REFERENCE_HEADER, MimeUtility.fold(SmtpMailer.REFERENCE_HEADER.length() + 2,
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

    private static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
