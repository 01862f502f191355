package dev.cobranca.csvimport;

import dev.cobranca.core.port.MessagePublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class InMemoryMessagePublisher implements MessagePublisher {

    final List<String> bodies = new CopyOnWriteArrayList<>();

    @Override
    public void publish(List<String> messageBodies) {
        bodies.addAll(messageBodies);
    }
}
