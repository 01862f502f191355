package dev.cobranca.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpEmulatorIT {

    private SmtpEmulator smtp;

    @TempDir
    Path mailDir;

    @BeforeEach
    void start() {
        smtp = SmtpEmulator.start();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void shouldReceiveMessage_andWriteItAsEml() throws Exception {
        smtp.writeEml(mailDir);

        Transport.send(message("maria@example.com", "Seu boleto"));

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(smtp.receivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Seu boleto"));
        try (Stream<Path> files = Files.list(mailDir)) {
            Path eml = files.filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
            assertThat(eml.getFileName().toString()).contains("maria@example.com");
            assertThat(Files.readString(eml)).contains("Subject: Seu boleto").contains("To: maria@example.com");
        }
    }

    @Test
    void shouldAnswer550_toRejectedRecipient() {
        smtp.rejectRecipient("Bounce@Example.com");

        assertThatThrownBy(() -> Transport.send(message("bounce@example.com", "x")))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> {
                    Exception next = ((MessagingException) e).getNextException();
                    assertThat(next).isInstanceOf(SMTPAddressFailedException.class);
                    assertThat(((SMTPAddressFailedException) next).getReturnCode()).isEqualTo(550);
                });
        assertThat(smtp.receivedMessages()).isEmpty();
    }

    @Test
    void shouldAnswer4xx_whileFailingTransiently_andAcceptAfterwards() throws Exception {
        smtp.failTransiently(true);

        assertThatThrownBy(() -> Transport.send(message("joao@example.com", "x")))
                .isInstanceOf(SMTPSendFailedException.class)
                .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isBetween(400, 499));

        smtp.failTransiently(false);
        Transport.send(message("joao@example.com", "again"));
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
    }

    @Test
    void shouldAnswer4xx_toTheNextNDeliveries_andAcceptTheOneAfter() throws Exception {
        smtp.failNextTransiently(2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> Transport.send(message("joao@example.com", "x")))
                    .isInstanceOf(SMTPSendFailedException.class)
                    .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(451));
        }
        Transport.send(message("joao@example.com", "third"));
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(smtp.receivedMessages()).extracting(MimeMessage::getSubject).containsExactly("third");
    }

    private MimeMessage message(String to, String subject) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom(new InternetAddress("cobranca@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setText("Olá, segue o boleto.", "UTF-8");
        return m;
    }
}
