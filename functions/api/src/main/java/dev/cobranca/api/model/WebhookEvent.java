package dev.cobranca.api.model;

/**
 * What a verified webhook call reports.
 *
 * @param eventId the provider's id of the event, when it sends one (kept for tracing; replays are detected by signature)
 * @param type    {@code payment} (the only type that marks a charge PAID), {@code refund}, {@code chargeback}, ...
 * @param payment the payment, for type {@code payment}; null for the other types
 */
public record WebhookEvent(String eventId, String type, String debtId, Payment payment) {

    public static final String PAYMENT = "payment";

    public boolean isPayment() {
        return PAYMENT.equals(type);
    }
}
