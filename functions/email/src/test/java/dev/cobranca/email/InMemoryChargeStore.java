package dev.cobranca.email;

import dev.cobranca.core.charge.ChargeStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link ChargeStore} in a map, with the PostgreSQL one's claim rules. */
final class InMemoryChargeStore implements ChargeStore {

    static final class Row {
        ClaimedCharge charge;
        ChargeStatus status;
        UUID claimToken;
        Instant claimUntil;
        String lastError;
    }

    static final BigDecimal AMOUNT = new BigDecimal("1000000.00");
    static final LocalDate DUE = LocalDate.of(2026, 10, 12);
    /** A real linha digitável (Banco do Brasil, convênio 1234567, carteira 17). */
    static final String LINE = new dev.cobranca.core.boleto.BancoDoBrasilBoletoIssuer(new dev.cobranca.core.boleto.Beneficiary(
            "001", "1234", "56789", "1234567", "17", "Cobrança Exemplo Ltda", "11222333000181"))
            .issue(new dev.cobranca.core.boleto.BoletoRequest("x", 1001, "Maria da Silva", "11111111111", AMOUNT, DUE))
            .digitableLine();

    private final Map<String, Row> rows = new LinkedHashMap<>();
    final List<Set<UUID>> completions = new ArrayList<>();
    /** While set, markEmailed fails as a database that just went away would. */
    volatile boolean markEmailedFails;

    void add(UUID uploadId, String debtId, String email, ChargeStatus status) {
        Row row = new Row();
        row.charge = new ClaimedCharge(debtId, uploadId, "Maria da Silva", email, AMOUNT, DUE,
                LINE, "invoices/" + debtId + ".pdf");
        row.status = status;
        rows.put(debtId, row);
    }

    Row row(String debtId) {
        return rows.get(debtId);
    }

    @Override
    public synchronized List<ClaimedCharge> claim(Collection<String> debtIds, UUID token, Duration lease) {
        Instant now = Instant.now();
        List<ClaimedCharge> claimed = new ArrayList<>();
        for (String id : debtIds) {
            Row row = rows.get(id);
            if (row != null && row.status == ChargeStatus.INVOICED && (row.claimUntil == null || row.claimUntil.isBefore(now))) {
                row.claimToken = token;
                row.claimUntil = now.plus(lease);
                claimed.add(row.charge);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void markEmailed(String debtId) {
        if (markEmailedFails) {
            throw new IllegalStateException("marking charge EMAILED failed: connection refused");
        }
        Row row = rows.get(debtId);
        if (row.status == ChargeStatus.INVOICED) {
            row.status = ChargeStatus.EMAILED;
            row.claimToken = null;
            row.claimUntil = null;
        }
    }

    @Override
    public synchronized void markFailed(String debtId, String reason) {
        Row row = rows.get(debtId);
        if (row.status == ChargeStatus.INVOICED) {
            row.status = ChargeStatus.FAILED;
            row.lastError = reason;
            row.claimToken = null;
            row.claimUntil = null;
        }
    }

    @Override
    public synchronized void release(Collection<String> debtIds, UUID token) {
        for (String id : debtIds) {
            Row row = rows.get(id);
            if (row != null && token.equals(row.claimToken) && row.status == ChargeStatus.INVOICED) {
                row.claimToken = null;
                row.claimUntil = null;
            }
        }
    }

    @Override
    public synchronized void completeUploadsIfDone(Set<UUID> uploadIds) {
        completions.add(Set.copyOf(uploadIds));
    }
}
