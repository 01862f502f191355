package dev.cobranca.api.response;

/** 202 of {@code POST /webhooks/payments}: a refund, chargeback or other event, kept in the inbox and not applied. */
public record WebhookReceipt(long inboxId, String outcome, String type, String debtId, String reason) {
}
