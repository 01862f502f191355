package dev.cobranca.api.model;

import java.util.Locale;

/** What became of a verified webhook call: the inbox's {@code outcome} column. */
public enum WebhookOutcome {
    /** The charge is now PAID by this payment. */
    ACCEPTED,
    /** The charge is now PAID, by an amount other than the charge's: flagged {@code payment_mismatch} for a person. */
    AMOUNT_MISMATCH,
    /** The same signed call again, or a payment the charge already records: nothing changed. */
    DUPLICATE,
    /** The charge is already PAID by a different payment: nothing changed. */
    CONFLICT,
    /** No charge has this debtId (yet): kept, nothing changed. */
    UNKNOWN_DEBT,
    /** A refund, chargeback or other non-payment event: kept, the charge's status unchanged. */
    IGNORED_TYPE,
    /** The body could not be understood (malformed JSON, a missing or invalid field): kept with the reason. */
    REFUSED;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WebhookOutcome ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
