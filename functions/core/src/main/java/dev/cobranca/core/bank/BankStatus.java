package dev.cobranca.core.bank;

/** Where a charge stands at the bank: never sent, in a remessa, or as the bank's retornos left it. */
public enum BankStatus {
    NOT_SENT,
    SENT,
    CONFIRMED,
    REJECTED,
    SETTLED,
    WRITTEN_OFF
}
