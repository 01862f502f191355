package dev.cobranca.email;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Mailer} that keeps what it sent; {@link #refuse} scripts a server's answer for one address. */
final class InMemoryMailer implements Mailer {

    final List<Email> sent = new ArrayList<>();
    private final Map<String, MailDeliveryException> refusals = new HashMap<>();
    int sessionsOpened;
    int sessionsClosed;

    void refuse(String address, boolean permanent, String reply) {
        refusals.put(address, new MailDeliveryException(permanent, reply, null));
    }

    void accept(String address) {
        refusals.remove(address);
    }

    @Override
    public MailSession openSession() {
        sessionsOpened++;
        return new MailSession() {
            @Override
            public void send(Email email) {
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
