package dev.cobranca.api.port;

import dev.cobranca.api.model.Payment;
import dev.cobranca.api.model.PaymentOutcome;

/** Records payments on charges, atomically and idempotently. */
public interface PaymentStore {

    PaymentOutcome record(Payment payment);
}
