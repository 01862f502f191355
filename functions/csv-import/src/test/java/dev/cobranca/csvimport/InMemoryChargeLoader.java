package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.RowCursor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link ChargeLoader} in memory: the port's contract without PostgreSQL, for unit tests of the service. */
final class InMemoryChargeLoader implements ChargeLoader {

    private final InMemoryImportTables tables;

    InMemoryChargeLoader(InMemoryImportTables tables) {
        this.tables = tables;
    }

    /** The rows as this fake reads them: fields joined by a character no valid row holds. */
    static final RowFormat FORMAT = debt -> String.join("\0", debt.name(), debt.governmentId(), debt.email(),
            debt.amount().toPlainString(), debt.dueDate().toString()).getBytes(StandardCharsets.UTF_8);

    @Override
    public List<KeyRange> planLoad(UUID uploadId, String owner, Duration lease, ReadCounts read, List<String> bounds) {
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.fenced(uploadId, owner, lease);
            if (u.phase != UploadLeases.Phase.READING) {
                throw new LeaseLostException(uploadId);
            }
            u.counts = new ImportCounts(read.total(), read.rejected(), read.valid(), 0, 0);
            u.keyRanges = new ArrayList<>();
            for (int i = 0; i <= bounds.size(); i++) {
                u.keyRanges.add(new KeyRange(i, i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i)));
            }
            u.done.clear();
            u.phase = UploadLeases.Phase.LOADING;
            return List.copyOf(u.keyRanges);
        }
    }

    @Override
    public List<KeyRange> pendingKeyRanges(UUID uploadId) {
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.byId(uploadId);
            return u.keyRanges.stream().filter(c -> !u.done.contains(c.rangeNo())).toList();
        }
    }

    @Override
    public int countCharged(List<String> debtIds) {
        synchronized (tables) {
            return (int) debtIds.stream().filter(tables.charges::containsKey).count();
        }
    }

    @Override
    public LoadedKeyRange loadKeyRange(UUID uploadId, String owner, Duration lease, KeyRange keyRange, KeyRangeRows rows,
            int debtIdsPerMessage, boolean expectCharged) {
        List<String> ids = new ArrayList<>();
        try (RowCursor cursor = rows.open(bound(keyRange.lowerExclusive()), bound(keyRange.upperInclusive()))) {
            while (cursor.next()) {
                String[] fields = new String(cursor.payload(), StandardCharsets.UTF_8).split("\0", -1);
                assertThat(fields).as("payload's fields").hasSize(5);
                assertThat(Keys.inRange(cursor.key(), bound(keyRange.lowerExclusive()), bound(keyRange.upperInclusive())))
                        .as("row in its range").isTrue();
                ids.add(Keys.text(cursor.key()));
            }
        }
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.fenced(uploadId, owner, lease);
            if (u.done.contains(keyRange.rangeNo())) {
                throw new LeaseLostException(uploadId);
            }
            List<String> inserted = new ArrayList<>();
            for (String id : ids) {
                if (tables.charges.putIfAbsent(id, uploadId) == null) {
                    inserted.add(id);
                }
            }
            List<InvoiceOutbox.Batch> batches = new ArrayList<>();
            for (int i = 0; i < inserted.size(); i += debtIdsPerMessage) {
                InvoiceOutbox.Batch b = new InvoiceOutbox.Batch(++tables.outboxIds,
                        inserted.subList(i, Math.min(i + debtIdsPerMessage, inserted.size())));
                tables.outbox.put(b.id(), b);
                tables.outboxUpload.put(b.id(), uploadId);
                batches.add(b);
            }
            u.done.add(keyRange.rangeNo());
            return new LoadedKeyRange(inserted.size(), batches);
        }
    }

    private static byte[] bound(String bound) {
        return bound == null ? null : Keys.of(bound);
    }

    /** This fake refuses no row: the database's refusals are PostgreSQL's (HostileRowsIT). */
    @Override
    public List<RowOutcome.Rejected> refusedRows(UUID uploadId) {
        return List.of();
    }
}
