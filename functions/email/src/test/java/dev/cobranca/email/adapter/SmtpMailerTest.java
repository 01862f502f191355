package dev.cobranca.email.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.email.Email;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.MailDeliveryException;
import dev.cobranca.email.MailDeliveryException.Kind;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

/** Message building and failure classification, without a server. */
class SmtpMailerTest {

    private static final InternetAddress TO = address("johndoe@kanastra.com.br");
    private final SmtpMailer mailer = new SmtpMailer(new SmtpConfig("localhost", 3025, false, null, null,
            "Cobrança <cobranca@example.com>"));

    private static InternetAddress address(String a) {
        try {
            return new InternetAddress(a);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SendFailedException rcptRefused(int code, String reply) {
        SMTPAddressFailedException refused = new SMTPAddressFailedException(TO, "RCPT TO:<johndoe@kanastra.com.br>", code, reply);
        boolean invalid = code >= 500;
        return new SendFailedException("Invalid Addresses", refused, new Address[0],
                invalid ? new Address[0] : new Address[] {TO}, invalid ? new Address[] {TO} : new Address[0]);
    }

    @Test
    void shouldBePermanent_whenTheRecipientIsUnknown() {
        MailDeliveryException e = SmtpReplies.classify(rcptRefused(550, "550 5.1.1 <johndoe@kanastra.com.br>: Recipient address rejected"));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("550 5.1.1 <j***@kanastra.com.br>: Recipient address rejected");
    }

    @Test
    void shouldBeTransient_whenTheRecipientIsRefusedForNow() {
        MailDeliveryException e = SmtpReplies.classify(rcptRefused(451, "451 4.7.1 Greylisted, try again"));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("451 4.7.1");
    }

    @Test
    void shouldBePermanent_whenTheMessageIsRejectedAfterData() {
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554,
                "554 5.6.0 Message rejected: content not accepted", null, new Address[0], new Address[0], new Address[0]);

        assertThat(SmtpReplies.classify(rejected).kind()).isEqualTo(Kind.REFUSED);
    }

    @Test
    void shouldBeBlocked_whenSesSaysOurAddressIsNotVerified_becauseNoEmailCanGoUntilSomeoneFixesIt() {
        // Amazon SES in the sandbox (or with an unverified identity) answers the end of DATA like this.
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554,
                "554 Message rejected: Email address is not verified. The following identities failed the check in "
                        + "region US-EAST-1: cobranca@example.com", null, new Address[0], new Address[0], new Address[0]);

        MailDeliveryException e = SmtpReplies.classify(rejected);

        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.getMessage()).contains("not verified").doesNotContain("cobranca@example.com");
    }

    @Test
    void shouldBeBlocked_whenOurSenderIsRefused_becauseThatIsConfigurationNotTheDebtor() {
        SMTPSenderFailedException sender = new SMTPSenderFailedException(address("cobranca@example.com"), "MAIL FROM", 553,
                "553 sender not allowed");
        SendFailedException e = new SendFailedException("MAIL FROM failed", sender);

        assertThat(SmtpReplies.classify(e).kind()).isEqualTo(Kind.BLOCKED);
    }

    @Test
    void shouldBeThrottled_whenSesAnswers454_orTheServerCloses421() {
        SMTPSendFailedException quota = new SMTPSendFailedException("DATA", 454,
                "454 Throttling failure: Daily message quota exceeded.", null, new Address[0], new Address[0], new Address[0]);
        SMTPSenderFailedException rate = new SMTPSenderFailedException(address("cobranca@example.com"), "MAIL FROM", 454,
                "454 Throttling failure: Maximum sending rate exceeded.");
        SMTPSendFailedException closing = new SMTPSendFailedException("MAIL FROM", 421,
                "421 4.4.2 Service not available, closing transmission channel", null, new Address[0], new Address[0], new Address[0]);

        assertThat(SmtpReplies.classify(quota).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(SmtpReplies.classify(new SendFailedException("MAIL FROM failed", rate)).kind()).isEqualTo(Kind.THROTTLED);
        assertThat(SmtpReplies.classify(closing).kind()).isEqualTo(Kind.THROTTLED);
    }

    @Test
    void shouldBeTransient_whenTheConnectionIsLost_andBlocked_whenTheLoginIsRefused() {
        assertThat(SmtpReplies.classify(new MessagingException("Exception reading response", new SocketException("Connection reset")))
                .kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(SmtpReplies.classify(new AuthenticationFailedException("535 Authentication Credentials Invalid")).kind())
                .isEqualTo(Kind.BLOCKED);
    }

    @Test
    void shouldEncodeANonAsciiName_forAnAsciiMailbox_andWriteUtf8Headers_onlyForANonAsciiMailbox() throws Exception {
        // RFC 2047 encoded words wherever the server may lack SMTPUTF8; raw UTF-8 (RFC 6532) only when it must have it.
        Email ascii = new Email("claudio@example.com", "Cláudio Conceição", "Boleto", "Olá", "<p>Olá</p>", "boleto-x.pdf",
                new byte[] {'%'}, "x");
        Email utf8 = new Email("joão@example.com.br", "João", "Boleto", "Olá", "<p>Olá</p>", "boleto-y.pdf",
                new byte[] {'%'}, "y");

        assertThat(headers(mailer.messages().toMessage(ascii))).contains("To: =?UTF-8?Q?Cl=C3=A1udio_Concei=C3=A7=C3=A3o?= <claudio@example.com>")
                .doesNotContain("Cláudio");
        assertThat(headers(mailer.messages().toMessage(utf8))).contains("To: \"João\" <joão@example.com.br>");
    }

    private static String headers(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String all = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        return all.substring(0, all.indexOf("\r\n\r\n"));
    }

    @Test
    void shouldSendAUnicodeDomainAsPunycode_andNeedSmtpUtf8OnlyForANonAsciiLocalPart() throws Exception {
        // RFC 6531 section 3.2; RFC 5890/5891 (IDNA) for the A-label.
        assertThat(MailboxAddresses.recipient("maria@ação.com.br").getAddress()).isEqualTo("maria@xn--ao-siap.com.br");
        assertThat(MailboxAddresses.needsSmtpUtf8("maria@ação.com.br")).isFalse();
        assertThat(MailboxAddresses.needsSmtpUtf8("joão@example.com.br")).isTrue();
        assertThat(MailboxAddresses.recipient("joão@example.com.br").getAddress()).isEqualTo("joão@example.com.br");
        assertThat(MailboxAddresses.needsSmtpUtf8("johndoe@kanastra.com.br")).isFalse();
    }

    @Test
    void shouldBuildAlternativeTextAndHtml_withThePdfAttached_andAMessageIdFromTheDebtId() throws Exception {
        Email email = new Email("johndoe@kanastra.com.br", "John Doe", "Boleto de cobrança: R$ 10,00", "Olá, John Doe,",
                "<p>Olá, John Doe,</p>", "boleto-1adb6ccf.pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "1adb6ccf-045e");

        MimeMessage message = mailer.messages().toMessage(email);

        assertThat(message.getMessageID()).isEqualTo("<boleto.1adb6ccf-045e@example.com>");
        assertThat(message.getHeader(SmtpMailer.REFERENCE_HEADER, null)).isEqualTo("1adb6ccf-045e");
        assertThat(message.getSubject()).isEqualTo("Boleto de cobrança: R$ 10,00");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Cobrança");
        assertThat(((InternetAddress) message.getAllRecipients()[0]).getPersonal()).isEqualTo("John Doe");
        Multipart mixed = (Multipart) message.getContent();
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        Part pdf = mixed.getBodyPart(1);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("boleto-1adb6ccf.pdf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pdf.getDataHandler().writeTo(bytes);
        assertThat(bytes.toByteArray()).containsExactly('%', 'P', 'D', 'F', '-');
    }

    @Test
    void shouldHashADebtIdThatCannotBeAMessageIdAsItIs() throws IOException, MessagingException {
        assertThat(mailer.messages().messageId("débito 42/2026")).matches("<boleto\\.[0-9a-f]{32}@example\\.com>");
        assertThat(mailer.messages().messageId("débito 42/2026")).isEqualTo(mailer.messages().messageId("débito 42/2026"));
    }
}
