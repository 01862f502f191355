package dev.cobranca.email;

/** Sends e-mails. A session keeps one connection to the server for many e-mails. */
public interface Mailer {

    /** Opens a session; connecting may be deferred to the first {@link MailSession#send}. */
    MailSession openSession();

    interface MailSession extends AutoCloseable {

        /**
         * Sends one e-mail; returns once the server has accepted it.
         *
         * @throws MailDeliveryException {@link MailDeliveryException#permanent() permanent} when the server refused
         *                               this e-mail for good (e.g. 550 unknown recipient), transient otherwise
         */
        void send(Email email);

        @Override
        void close();
    }
}
