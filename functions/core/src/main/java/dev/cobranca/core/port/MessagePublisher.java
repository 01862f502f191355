package dev.cobranca.core.port;

import java.util.List;

/** One queue. Sends every body or throws: a body that could not be sent is never silently dropped. */
public interface MessagePublisher {

    void publish(List<String> messageBodies);
}
