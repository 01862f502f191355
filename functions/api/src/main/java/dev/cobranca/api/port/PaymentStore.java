package dev.cobranca.api.port;

import dev.cobranca.api.model.WebhookEvent;
import dev.cobranca.api.model.WebhookResult;
import dev.cobranca.api.webhook.Delivery;

/**
 * The webhook inbox and the payments it applies to charges. Each call keeps its row in the inbox and applies its
 * payment in one transaction, atomically and idempotently: a signed call seen before is a duplicate, never applied twice.
 */
public interface PaymentStore {

    WebhookResult receive(Delivery delivery, WebhookEvent event);

    /** A verified call whose body could not be understood: kept with the reason. */
    WebhookResult refuse(Delivery delivery, String reason);
}
