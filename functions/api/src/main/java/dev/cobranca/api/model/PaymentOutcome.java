package dev.cobranca.api.model;

/** What recording a payment did. */
public sealed interface PaymentOutcome {

    /** The charge is now PAID by this payment. */
    record Recorded(Charge charge) implements PaymentOutcome {
    }

    /** The charge was already PAID by this very payment: nothing changed. */
    record Replayed(Charge charge) implements PaymentOutcome {
    }

    /** The charge was already PAID by a different payment: nothing changed. */
    record Conflict(Charge charge) implements PaymentOutcome {
    }

    record UnknownDebt(String debtId) implements PaymentOutcome {
    }
}
