package dev.cobranca.email.adapter;

import dev.cobranca.core.log.Masking;
import dev.cobranca.email.MailDeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What an SMTP failure means for the e-mail, as Amazon SES answers: {@code 454} (throttling, daily quota) and
 * {@code 421} mean slow down; a refused login, a refused sender or a 5xx that names our identity or account
 * ({@code 554 Message rejected: Email address is not verified}, sending paused) means no e-mail can go until a person
 * acts; any other 5xx about the recipient or the message ({@code 550 unknown user}) is permanent for this e-mail;
 * other 4xx replies, timeouts and lost connections are transient.
 */
final class SmtpReplies {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]:;,\"']+@[^\\s<>()\\[\\]:;,\"']+");
    /** SES's words for a refusal about our identity or account rather than the debtor's address. */
    private static final Pattern ACCOUNT_PROBLEM = Pattern.compile(
            "(?i)not verified|sandbox|sending paused|account (?:is )?(?:paused|suspended|disabled)|access denied|not authori[sz]ed");

    private SmtpReplies() {
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

    private static String maskAddresses(String s) {
        return s == null ? "" : ADDRESS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(Masking.email(m.group())));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }
}
