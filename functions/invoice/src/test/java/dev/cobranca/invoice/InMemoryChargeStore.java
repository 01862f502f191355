package dev.cobranca.invoice;

import dev.cobranca.core.charge.ChargeStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** {@link ChargeStore} in a map, with the same conditional transitions as the PostgreSQL one. */
final class InMemoryChargeStore implements ChargeStore {

    static final class Row {
        Charge charge;
        String barcode;
        String digitableLine;
        String invoiceKey;
        String lastError;
        String nossoNumero;
        LocalDate boletoDueDate;

        ChargeStatus status() {
            return charge.status();
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final AtomicLong seq = new AtomicLong(1000);
    final List<UUID> completionChecks = new ArrayList<>();
    int markInvoicedCalls;

    Charge add(UUID uploadId, String debtId, BigDecimal amount, LocalDate dueDate, ChargeStatus status) {
        Charge charge = new Charge(debtId, seq.incrementAndGet(), uploadId, "Maria da Silva", "11111111111",
                amount, dueDate, status);
        Row row = new Row();
        row.charge = charge;
        rows.put(debtId, row);
        return charge;
    }

    Row row(String debtId) {
        return rows.get(debtId);
    }

    @Override
    public synchronized List<Charge> find(Collection<String> debtIds) {
        return debtIds.stream().filter(rows::containsKey).map(id -> rows.get(id).charge).toList();
    }

    @Override
    public synchronized void markInvoiced(List<Invoiced> invoiced) {
        markInvoicedCalls++;
        for (Invoiced i : invoiced) {
            Row row = rows.get(i.debtId());
            if (row != null && row.status() == ChargeStatus.CREATED) {
                row.charge = with(row.charge, ChargeStatus.INVOICED);
                row.barcode = i.barcode();
                row.digitableLine = i.digitableLine();
                row.invoiceKey = i.invoiceKey();
                row.nossoNumero = i.nossoNumero();
                row.boletoDueDate = i.boletoDueDate();
            }
        }
    }

    @Override
    public synchronized void markFailed(List<Failed> failed) {
        for (Failed f : failed) {
            Row row = rows.get(f.debtId());
            if (row != null && row.status() == ChargeStatus.CREATED) {
                row.charge = with(row.charge, ChargeStatus.FAILED);
                row.lastError = f.reason();
            }
            completionChecks.add(f.uploadId());
        }
    }

    @Override
    public synchronized Map<UUID, List<String>> invoiced(Collection<String> debtIds) {
        Map<UUID, List<String>> byUpload = new LinkedHashMap<>();
        debtIds.stream().map(rows::get)
                .filter(r -> r != null && r.status() == ChargeStatus.INVOICED)
                .sorted(Comparator.comparingLong(r -> r.charge.seq()))
                .forEach(r -> byUpload.computeIfAbsent(r.charge.uploadId(), k -> new ArrayList<>()).add(r.charge.debtId()));
        return byUpload;
    }

    @Override
    public synchronized List<UUID> doneInvoicing(Collection<UUID> uploadIds) {
        return uploadIds.stream().filter(u -> rows.values().stream()
                .noneMatch(r -> r.charge.uploadId().equals(u) && r.status() == ChargeStatus.CREATED)).toList();
    }

    private static Charge with(Charge c, ChargeStatus status) {
        return new Charge(c.debtId(), c.seq(), c.uploadId(), c.name(), c.governmentId(), c.amount(), c.dueDate(), status);
    }
}
