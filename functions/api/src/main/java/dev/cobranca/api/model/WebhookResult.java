package dev.cobranca.api.model;

/**
 * The inbox row written for a call, and the charge as it stands after it.
 *
 * @param firstOutcome for a {@link WebhookOutcome#DUPLICATE} of the same signed call: what the first delivery's was
 *                     (so a replay gets the same answer); otherwise the outcome itself
 * @param charge       the charge after the call; null when there is none (unknown debtId, unreadable body)
 */
public record WebhookResult(long inboxId, WebhookOutcome outcome, WebhookOutcome firstOutcome, String reason, Charge charge) {
}
