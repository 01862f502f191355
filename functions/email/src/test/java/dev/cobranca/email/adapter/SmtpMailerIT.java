package dev.cobranca.email.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.email.Email;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.MailDeliveryException;
import dev.cobranca.email.Mailer.MailSession;
import dev.cobranca.email.MailDeliveryException.Kind;
import dev.cobranca.emulators.SmtpEmulator;
import dev.cobranca.emulators.SmtpWithoutUtf8;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SmtpMailer} against a real SMTP server (GreenMail) that can refuse like a relay does. */
class SmtpMailerIT {

    private static SmtpEmulator smtp;
    private static SmtpMailer mailer;

    @BeforeAll
    static void start() {
        smtp = SmtpEmulator.start();
        mailer = new SmtpMailer(new SmtpConfig(smtp.host(), smtp.port(), false, null, null, "Cobrança <cobranca@example.com>"));
        smtp.rejectRecipient("ninguem@example.com");
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @BeforeEach
    void purge() {
        smtp.purge();
        smtp.failTransiently(false);
    }

    private static Email email(String to, String debtId) {
        return new Email(to, "Maria da Silva", "Boleto de cobrança", "Olá, Maria da Silva,", "<p>Olá, Maria da Silva,</p>",
                "boleto-" + debtId + ".pdf", ("%PDF-1.7 " + debtId).getBytes(), debtId);
    }

    private static String[] recipients() {
        return Arrays.stream(smtp.receivedMessages()).map(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toArray(String[]::new);
    }

    @Test
    void shouldRefuseAnUnknownRecipientForGood_andGoOnOnTheSameSession() {
        try (MailSession session = mailer.openSession()) {
            session.send(email("maria@example.com", "d-1"));
            assertThatThrownBy(() -> session.send(email("ninguem@example.com", "d-2")))
                    .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessageStartingWith("550 5.1.1 <n***@example.com>")
                    .message().doesNotContain("ninguem@");
            session.send(email("joao@example.com", "d-3"));
        }

        assertThat(recipients()).containsExactly("Maria da Silva <maria@example.com>", "Maria da Silva <joao@example.com>");
    }

    @Test
    void shouldFailTransiently_whileTheServerSaysTryLater_andRecoverOnTheSameSession() {
        try (MailSession session = mailer.openSession()) {
            smtp.failTransiently(true);
            assertThatThrownBy(() -> session.send(email("maria@example.com", "d-1")))
                    .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isFalse())
                    .hasMessageContaining("451");
            smtp.failTransiently(false);
            session.send(email("maria@example.com", "d-1"));
        }

        assertThat(smtp.receivedMessages()).hasSize(1);
    }

    @Test
    void shouldFailTransiently_whenNoServerListens() {
        SmtpMailer nowhere = new SmtpMailer(new SmtpConfig("127.0.0.1", 1, false, null, null, "cobranca@example.com"));
        try (MailSession session = nowhere.openSession()) {
            assertThatThrownBy(() -> session.send(email("maria@example.com", "d-1")))
                    .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        }
    }

    @Test
    void shouldDeliverTheMessageAsBuilt() throws Exception {
        try (MailSession session = mailer.openSession()) {
            session.send(email("maria@example.com", "1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca"));
        }

        MimeMessage received = smtp.receivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<boleto.1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca@example.com>");
        assertThat(received.getHeader(SmtpMailer.REFERENCE_HEADER, null)).isEqualTo("1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca");
        assertThat(received.getSubject()).isEqualTo("Boleto de cobrança");
        assertThat(received.getContentType()).startsWith("multipart/mixed");
    }

    @Test
    void shouldSendToANonAsciiMailbox_withSmtpUtf8_whereTheServerOffersIt() throws Exception {
        // RFC 6531 section 3.4: MAIL FROM ... SMTPUTF8, then the UTF-8 mailbox as it is.
        try (MailSession session = mailer.openSession()) {
            session.send(email("joão@example.com.br", "utf8-1"));
        }

        assertThat(smtp.receivedMessages()).hasSize(1);
        assertThat(smtp.receivedMessages()[0].getHeader(SmtpMailer.REFERENCE_HEADER)).containsExactly("utf8-1");
        assertThat(recipients()).containsExactly("Maria da Silva <joão@example.com.br>");
    }

    @Test
    void shouldRefuseANonAsciiMailboxForGood_whereTheServerDoesNotOfferSmtpUtf8_asAmazonSes() {
        try (SmtpWithoutUtf8 ses = SmtpWithoutUtf8.start(smtp)) {
            SmtpMailer viaSes = new SmtpMailer(new SmtpConfig(ses.host(), ses.port(), false, null, null,
                    "Cobrança <cobranca@example.com>"));
            try (MailSession session = viaSes.openSession()) {
                assertThatThrownBy(() -> session.send(email("joão@example.com.br", "utf8-2")))
                        .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
                            assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                            assertThat(e.getMessage()).contains("SMTPUTF8").contains("Amazon SES");
                        });
                // A Unicode domain with an ASCII mailbox needs no SMTPUTF8: it goes out in Punycode (RFC 5891).
                session.send(email("maria@ação.com.br", "idn-1"));
                session.send(email("johndoe@kanastra.com.br", "ascii-1"));
            }
        }

        assertThat(recipients()).containsExactly("Maria da Silva <maria@xn--ao-siap.com.br>",
                "Maria da Silva <johndoe@kanastra.com.br>");
    }
}
