package dev.cobranca.emulators;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GreenMail's SMTP manager with refusals and {@code .eml} writing. A non-null check result is the SMTP reply. */
final class CheckingSmtpManager extends SmtpManager {

    private static final Logger LOG = LoggerFactory.getLogger(CheckingSmtpManager.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final SmtpEmulator.Checks checks;
    private final AtomicLong sequence = new AtomicLong();

    CheckingSmtpManager(Managers managers, SmtpEmulator.Checks checks) {
        super(managers.getImapHostManager(), managers.getUserManager());
        this.checks = checks;
    }

    @Override
    public String checkSender(SmtpState state, MailAddress sender) {
        if (checks.transientFailure || checks.transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return "451 4.3.0 Temporary local problem, please try again later";
        }
        return super.checkSender(state, sender);
    }

    @Override
    public String checkRecipient(SmtpState state, MailAddress recipient) {
        if (checks.rejected.contains(recipient.getEmail().toLowerCase(Locale.ROOT))) {
            return "550 5.1.1 <" + recipient.getEmail() + ">: Recipient address rejected: user unknown";
        }
        return super.checkRecipient(state, recipient);
    }

    /** Answers the end of DATA, where Amazon SES refuses for throttling and for an unverified sender. */
    @Override
    public String checkData(SmtpState state) {
        MailAddress sender = state.getMessage().getReturnPath();
        String refusal = sender == null ? null : checks.senderRefusals.get(sender.getEmail().toLowerCase(Locale.ROOT));
        if (refusal != null) {
            return refusal;
        }
        if (checks.throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return "454 Throttling failure: Maximum sending rate exceeded.";
        }
        return super.checkData(state);
    }

    @Override
    public void send(SmtpState state) {
        Path dir = checks.emlDir;
        if (checks.keepInMemory || dir == null) {
            synchronized (this) { // GreenMail's mailboxes are not built for concurrent delivery
                super.send(state);
            }
        }
        if (dir != null) {
            write(dir, state);
        }
    }

    private void write(Path dir, SmtpState state) {
        MimeMessage message = state.getMessage().getMessage();
        String to = state.getMessage().getToAddresses().stream().findFirst()
                .map(MailAddress::getEmail).orElse("unknown");
        String name = LocalDateTime.now().format(STAMP) + "-" + sequence.incrementAndGet() + "-"
                + to.replaceAll("[^A-Za-z0-9._@-]", "_") + ".eml";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 16 * 1024)) {
            message.writeTo(out);
        } catch (IOException | MessagingException e) {
            // the message was accepted; losing its copy on disk must not fail the SMTP session
            LOG.warn("Could not write {} to {}", name, dir, e);
        }
    }
}
