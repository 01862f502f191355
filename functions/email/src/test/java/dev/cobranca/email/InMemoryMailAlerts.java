package dev.cobranca.email;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link MailAlerts} in a map of the open alerts, kind → last message. */
final class InMemoryMailAlerts implements MailAlerts {

    final Map<String, String> open = new LinkedHashMap<>();
    int raised;

    @Override
    public synchronized void raise(String kind, String message) {
        open.put(kind, message);
        raised++;
    }

    @Override
    public synchronized void clear() {
        open.clear();
    }
}
