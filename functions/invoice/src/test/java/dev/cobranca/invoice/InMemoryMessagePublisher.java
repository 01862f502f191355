package dev.cobranca.invoice;

import dev.cobranca.core.port.MessagePublisher;
import java.util.ArrayList;
import java.util.List;

/** {@link MessagePublisher} that keeps what was published. */
final class InMemoryMessagePublisher implements MessagePublisher {

    final List<String> published = new ArrayList<>();

    @Override
    public synchronized void publish(List<String> messageBodies) {
        published.addAll(messageBodies);
    }
}
