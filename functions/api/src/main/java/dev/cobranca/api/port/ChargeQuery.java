package dev.cobranca.api.port;

import dev.cobranca.api.model.BankSide;
import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.ChargeFilter;
import java.util.List;
import java.util.Optional;

/** Reads charges. */
public interface ChargeQuery {

    Optional<Charge> find(String debtId);

    /** Up to {@code limit} charges matching the filter with {@code seq > afterSeq}, in seq order (a keyset page). */
    List<Charge> page(ChargeFilter filter, long afterSeq, int limit);

    /** The charge at the bank; empty when there is no such charge (or no bank side to show). */
    default Optional<BankSide> bank(String debtId) {
        return Optional.empty();
    }
}
