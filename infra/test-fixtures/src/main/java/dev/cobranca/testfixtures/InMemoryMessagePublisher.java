package dev.cobranca.testfixtures;

import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.port.MessagePublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link MessagePublisher} that keeps every body, in the order published; safe for concurrent publishers. As the
 * port says, a publish either keeps all its bodies or throws: {@link #failNext()} makes the next one throw and keep
 * none, like a queue that cannot be reached.
 */
public final class InMemoryMessagePublisher implements MessagePublisher {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile boolean failNext;

    @Override
    public synchronized void publish(List<String> messageBodies) {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("queue unavailable (simulated): " + messageBodies.size() + " bodies not sent");
        }
        bodies.addAll(List.copyOf(messageBodies));
    }

    /** The next {@link #publish} throws and keeps nothing. */
    public void failNext() {
        failNext = true;
    }

    /** What was published so far. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** What was published so far, each body decoded as a message record. */
    public <T> List<T> messages(Class<T> type) {
        return bodies.stream().map(b -> MessageCodec.decode(b, type)).toList();
    }

    public void clear() {
        bodies.clear();
    }
}
