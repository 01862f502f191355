package dev.cobranca.email;

/**
 * Conditions that stop every e-mail, not one charge (the SMTP account is blocked, the server throttles us), kept
 * where the status API and a person can see them, and cleared when an e-mail goes through again.
 */
public interface MailAlerts {

    /** Sender or account misconfigured (SES 554 "not verified", 535): nothing is sent until someone fixes it. */
    String SENDING_BLOCKED = "SENDING_BLOCKED";
    /** The server asks us to slow down (SES 454): e-mails are delayed, not lost. */
    String THROTTLED = "THROTTLED";

    MailAlerts NONE = new MailAlerts() {
        @Override
        public void raise(String kind, String message) {
        }

        @Override
        public void clear() {
        }
    };

    /** Records (or refreshes) an open alert of this kind with the server's words (no personal data). */
    void raise(String kind, String message);

    /** Closes every open alert: an e-mail was just accepted. */
    void clear();
}
