package dev.cobranca.repair;

import java.util.Map;

/** What sits in the dead-letter queues: the repair cannot move it forward, only count it where a person looks. */
public interface DeadLetters {

    /** Queue name (import, invoice, email) -> approximate number of messages. */
    Map<String, Long> depths();
}
