package dev.cobranca.core.bank;

/** What a retorno occurrence does to a title, across banks. */
public enum OccurrenceKind {
    /** 02 entrada confirmada: the bank registered the title. */
    CONFIRMED,
    /** 03, 26, 30: the bank refused the title or an instruction, with reasons. */
    REJECTED,
    /** 06, 17: paid. */
    SETTLED,
    /** 09, 25: written off (baixa) without payment. */
    WRITTEN_OFF,
    /** Everything else (instruction confirmations, tariffs, protest...): recorded, no state change. */
    OTHER
}
