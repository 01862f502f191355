package dev.cobranca.core.charge;

/** Lifecycle of a charge; the order is the order of the pipeline. */
public enum ChargeStatus {
    CREATED,
    INVOICED,
    EMAILED,
    PAID,
    FAILED
}
