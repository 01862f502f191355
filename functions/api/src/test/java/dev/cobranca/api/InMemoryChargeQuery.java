package dev.cobranca.api;

import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.ChargeFilter;
import dev.cobranca.api.port.ChargeQuery;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

final class InMemoryChargeQuery implements ChargeQuery {

    final List<Charge> charges = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Charge> find(String debtId) {
        return charges.stream().filter(c -> c.debtId().equals(debtId)).findFirst();
    }

    @Override
    public List<Charge> page(ChargeFilter filter, long afterSeq, int limit) {
        return charges.stream()
                .filter(c -> c.seq() > afterSeq)
                .filter(c -> filter.uploadId() == null || filter.uploadId().equals(c.uploadId()))
                .filter(c -> filter.status() == null || filter.status() == c.status())
                .sorted(Comparator.comparingLong(Charge::seq))
                .limit(limit)
                .toList();
    }
}
