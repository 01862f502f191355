package dev.cobranca.api;

import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.WebhookEvent;
import dev.cobranca.api.model.WebhookOutcome;
import dev.cobranca.api.model.WebhookResult;
import dev.cobranca.api.port.PaymentStore;
import dev.cobranca.api.webhook.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The inbox as a list; what a payment does is the test's to say ({@link #answer}); by default no charge exists. */
final class InMemoryPaymentStore implements PaymentStore {

    final List<Delivery> inbox = new ArrayList<>();
    final List<String> refusals = new ArrayList<>();
    Function<WebhookEvent, WebhookResult> answer = e -> new WebhookResult(0, WebhookOutcome.UNKNOWN_DEBT,
            WebhookOutcome.UNKNOWN_DEBT, "no charge has this debtId.", null);

    static WebhookResult accepted(Charge paid) {
        return new WebhookResult(1, WebhookOutcome.ACCEPTED, WebhookOutcome.ACCEPTED, null, paid);
    }

    @Override
    public WebhookResult receive(Delivery delivery, WebhookEvent event) {
        inbox.add(delivery);
        return answer.apply(event);
    }

    @Override
    public WebhookResult refuse(Delivery delivery, String reason) {
        inbox.add(delivery);
        refusals.add(reason);
        return new WebhookResult(inbox.size(), WebhookOutcome.REFUSED, WebhookOutcome.REFUSED, reason, null);
    }
}
