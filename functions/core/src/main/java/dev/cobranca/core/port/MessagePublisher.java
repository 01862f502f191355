package dev.cobranca.core.port;

import java.util.List;

/** One queue. Sends every body or throws: a body that could not be sent is never silently dropped. */
public interface MessagePublisher {

    /** @throws NotSentException naming the bodies that were not sent (the others were) */
    void publish(List<String> messageBodies);

    /** Some bodies were not sent, after retries; the rest were. */
    final class NotSentException extends IllegalStateException {

        private final transient List<Integer> indexes;

        /** @param indexes of the bodies not sent, in the list given to {@link #publish}, ascending */
        public NotSentException(String message, List<Integer> indexes, Throwable cause) {
            super(message, cause);
            this.indexes = List.copyOf(indexes);
        }

        public List<Integer> indexes() {
            return indexes;
        }
    }
}
