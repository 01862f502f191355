package dev.cobranca.email;

import dev.cobranca.email.MailDeliveryException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Mailer} that keeps what it sent; {@link #refuse} scripts a server's answer for one address,
 * {@link #refuseNext} its answer to the next n e-mails whoever they are for.
 */
final class InMemoryMailer implements Mailer {

    final List<Email> sent = new ArrayList<>();
    private final Map<String, MailDeliveryException> refusals = new HashMap<>();
    private MailDeliveryException next;
    private int nextCount;
    int attempts;
    int sessionsOpened;
    int sessionsClosed;

    void refuse(String address, boolean permanent, String reply) {
        refuse(address, permanent ? Kind.REFUSED : Kind.TRANSIENT, reply);
    }

    void refuse(String address, Kind kind, String reply) {
        refusals.put(address, new MailDeliveryException(kind, reply, null));
    }

    void accept(String address) {
        refusals.remove(address);
    }

    void refuseNext(int count, Kind kind, String reply) {
        next = new MailDeliveryException(kind, reply, null);
        nextCount = count;
    }

    @Override
    public MailSession openSession() {
        sessionsOpened++;
        return new MailSession() {
            @Override
            public void send(Email email) {
                attempts++;
                if (nextCount > 0) {
                    nextCount--;
                    throw next;
                }
                MailDeliveryException refusal = refusals.get(email.to());
                if (refusal != null) {
                    throw refusal;
                }
                sent.add(email);
            }

            @Override
            public void close() {
                sessionsClosed++;
            }
        };
    }
}
