package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.RowCursor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** {@link ImportStore} in memory: the port's contract without PostgreSQL, for unit tests of the service. */
final class InMemoryImportStore implements ImportStore {

    static final class Upload {
        UUID id;
        StoredObject object;
        UploadStatus status = UploadStatus.WAITING;
        String leaseOwner;
        Instant leaseExpiresAt;
        Phase phase;
        ImportCounts counts = ImportCounts.NONE;
        String error;
        String reportKey;
        final List<String[]> rejected = new ArrayList<>();
        List<Chunk> chunks;
        final List<Integer> done = new ArrayList<>();
    }

    final Map<String, Upload> uploads = new HashMap<>();
    final TreeMap<String, UUID> charges = new TreeMap<>();
    final Map<Long, OutboxBatch> outbox = new LinkedHashMap<>();
    private final Map<Long, UUID> outboxUpload = new HashMap<>();
    private long outboxIds;

    synchronized Upload upload(String key) {
        return uploads.get(key);
    }

    @Override
    public synchronized Claim claim(StoredObject object, String owner, Duration lease) {
        Upload u = uploads.computeIfAbsent(object.key(), k -> {
            Upload n = new Upload();
            n.id = object.uploadIdFromKey().orElseGet(UUID::randomUUID);
            n.object = object;
            return n;
        });
        if (u.status == UploadStatus.IMPORTED || u.status == UploadStatus.COMPLETED || u.status == UploadStatus.FAILED) {
            return new Finished(u.id, u.status, u.counts, u.error);
        }
        if (u.leaseOwner != null && u.leaseExpiresAt.isAfter(Instant.now()) && !u.leaseOwner.equals(owner)) {
            return new Busy(u.id, u.leaseExpiresAt);
        }
        u.status = UploadStatus.IMPORTING;
        u.leaseOwner = owner;
        u.leaseExpiresAt = Instant.now().plus(lease);
        if (u.phase == null) {
            u.phase = Phase.READING;
        }
        return new Acquired(u.id, u.phase, u.counts, u.object.etag());
    }

    private Upload byId(UUID id) {
        return uploads.values().stream().filter(u -> u.id.equals(id)).findFirst().orElseThrow();
    }

    private Upload fenced(UUID id, String owner, Duration lease) {
        Upload u = byId(id);
        if (!owner.equals(u.leaseOwner)) {
            throw new LeaseLostException(id);
        }
        u.leaseExpiresAt = Instant.now().plus(lease);
        return u;
    }

    @Override
    public synchronized void renewLease(UUID uploadId, String owner, Duration lease) {
        fenced(uploadId, owner, lease);
    }

    /** Fields joined by a character no valid row holds. */
    @Override
    public byte[] encode(Debt debt) {
        return String.join("\0", debt.name(), debt.governmentId(), debt.email(),
                debt.amount().toPlainString(), debt.dueDate().toString()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized List<Chunk> planLoad(UUID uploadId, String owner, Duration lease, ReadCounts read,
            List<String> bounds, RejectedRows rejected) {
        Upload u = fenced(uploadId, owner, lease);
        if (u.phase != Phase.READING) {
            throw new LeaseLostException(uploadId);
        }
        u.counts = new ImportCounts(read.total(), read.rejected(), read.valid(), 0, 0);
        u.rejected.clear();
        rejected.forEach((line, reason, text) -> u.rejected.add(new String[] {Long.toString(line), reason, text}));
        u.chunks = new ArrayList<>();
        for (int i = 0; i <= bounds.size(); i++) {
            u.chunks.add(new Chunk(i, i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i)));
        }
        u.done.clear();
        u.phase = Phase.LOADING;
        return List.copyOf(u.chunks);
    }

    @Override
    public synchronized List<Chunk> pendingChunks(UUID uploadId) {
        Upload u = byId(uploadId);
        return u.chunks.stream().filter(c -> !u.done.contains(c.chunkNo())).toList();
    }

    @Override
    public synchronized int countCharged(List<String> debtIds) {
        return (int) debtIds.stream().filter(charges::containsKey).count();
    }

    @Override
    public LoadedChunk loadChunk(UUID uploadId, String owner, Duration lease, Chunk chunk, ChunkRows rows,
            int debtIdsPerMessage, boolean expectCharged) {
        List<String> ids = new ArrayList<>();
        try (RowCursor cursor = rows.open(bound(chunk.lowerExclusive()), bound(chunk.upperInclusive()))) {
            while (cursor.next()) {
                String[] fields = new String(cursor.payload(), StandardCharsets.UTF_8).split("\0", -1);
                assertThat(fields).as("payload's fields").hasSize(5);
                assertThat(Keys.inRange(cursor.key(), bound(chunk.lowerExclusive()), bound(chunk.upperInclusive())))
                        .as("row in its range").isTrue();
                ids.add(Keys.text(cursor.key()));
            }
        }
        synchronized (this) {
            Upload u = fenced(uploadId, owner, lease);
            if (u.done.contains(chunk.chunkNo())) {
                throw new LeaseLostException(uploadId);
            }
            List<String> inserted = new ArrayList<>();
            for (String id : ids) {
                if (charges.putIfAbsent(id, uploadId) == null) {
                    inserted.add(id);
                }
            }
            List<OutboxBatch> batches = new ArrayList<>();
            for (int i = 0; i < inserted.size(); i += debtIdsPerMessage) {
                OutboxBatch b = new OutboxBatch(++outboxIds, inserted.subList(i, Math.min(i + debtIdsPerMessage, inserted.size())));
                outbox.put(b.id(), b);
                outboxUpload.put(b.id(), uploadId);
                batches.add(b);
            }
            u.done.add(chunk.chunkNo());
            return new LoadedChunk(inserted.size(), batches);
        }
    }

    private static byte[] bound(String bound) {
        return bound == null ? null : Keys.of(bound);
    }

    @Override
    public synchronized List<OutboxBatch> pendingOutbox(UUID uploadId, int limit) {
        return outbox.values().stream().filter(b -> outboxUpload.get(b.id()).equals(uploadId)).limit(limit).toList();
    }

    @Override
    public synchronized void deleteOutbox(List<Long> ids) {
        ids.forEach(outbox::remove);
    }

    @Override
    public synchronized void forEachRejected(UUID uploadId, RejectedRowSink sink) {
        byId(uploadId).rejected.stream().sorted(Comparator.comparingLong(r -> Long.parseLong(r[0])))
                .forEach(r -> sink.row(Long.parseLong(r[0]), r[1], r[2]));
    }

    @Override
    public synchronized ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey) {
        Upload u = fenced(uploadId, owner, Duration.ZERO);
        long accepted = charges.values().stream().filter(uploadId::equals).count();
        u.counts = new ImportCounts(u.counts.total(), u.counts.rejected(), u.counts.staged(), accepted,
                u.counts.staged() - accepted);
        u.status = accepted == 0 ? UploadStatus.COMPLETED : UploadStatus.IMPORTED;
        u.reportKey = rejectedReportKey;
        u.leaseOwner = null;
        u.phase = null;
        return u.counts;
    }

    @Override
    public synchronized void fail(UUID uploadId, String owner, String error) {
        Upload u = fenced(uploadId, owner, Duration.ZERO);
        u.status = UploadStatus.FAILED;
        u.error = error;
        u.leaseOwner = null;
    }

    @Override
    public synchronized void release(UUID uploadId, String owner) {
        Upload u = byId(uploadId);
        if (owner.equals(u.leaseOwner)) {
            u.leaseOwner = null;
        }
    }
}
