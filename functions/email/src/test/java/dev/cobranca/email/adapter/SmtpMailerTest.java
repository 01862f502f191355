package dev.cobranca.email.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.email.Email;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.MailDeliveryException;
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
        MailDeliveryException e = SmtpMailer.classify(rcptRefused(550, "550 5.1.1 <johndoe@kanastra.com.br>: Recipient address rejected"));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("550 5.1.1 <j***@kanastra.com.br>: Recipient address rejected");
    }

    @Test
    void shouldBeTransient_whenTheRecipientIsRefusedForNow() {
        MailDeliveryException e = SmtpMailer.classify(rcptRefused(451, "451 4.7.1 Greylisted, try again"));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("451 4.7.1");
    }

    @Test
    void shouldBePermanent_whenTheMessageIsRejectedAfterData() {
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554,
                "554 Message rejected: Email address is not verified.", null, new Address[0], new Address[0], new Address[0]);

        assertThat(SmtpMailer.classify(rejected).permanent()).isTrue();
    }

    @Test
    void shouldBeTransient_whenOurSenderIsRefused_becauseThatIsConfigurationNotTheDebtor() {
        SMTPSenderFailedException sender = new SMTPSenderFailedException(address("cobranca@example.com"), "MAIL FROM", 553,
                "553 sender not allowed");
        SendFailedException e = new SendFailedException("MAIL FROM failed", sender);

        assertThat(SmtpMailer.classify(e).permanent()).isFalse();
    }

    @Test
    void shouldBeTransient_whenTheConnectionIsLostOrTheLoginRefused() {
        assertThat(SmtpMailer.classify(new MessagingException("Exception reading response", new SocketException("Connection reset")))
                .permanent()).isFalse();
        assertThat(SmtpMailer.classify(new AuthenticationFailedException("535 Authentication Credentials Invalid")).permanent())
                .isFalse();
    }

    @Test
    void shouldBuildAlternativeTextAndHtml_withThePdfAttached_andAMessageIdFromTheDebtId() throws Exception {
        Email email = new Email("johndoe@kanastra.com.br", "John Doe", "Boleto de cobrança: R$ 10,00", "Olá, John Doe,",
                "<p>Olá, John Doe,</p>", "boleto-1adb6ccf.pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "1adb6ccf-045e");

        MimeMessage message = mailer.toMessage(email);

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
        assertThat(mailer.messageId("débito 42/2026")).matches("<boleto\\.[0-9a-f]{32}@example\\.com>");
        assertThat(mailer.messageId("débito 42/2026")).isEqualTo(mailer.messageId("débito 42/2026"));
    }
}
