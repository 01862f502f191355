package dev.cobranca.core.bank;

/** What a {@link RemittanceReader} finds, in file order. */
public interface RemittanceListener {

    void onHeader(RemittanceFileHeader header);

    void onEntry(RemittanceEntry entry);

    /** A structural error: an unknown or misplaced record, a P without its Q, trailer counts or totals that differ. */
    void onError(CnabLineError error);
}
