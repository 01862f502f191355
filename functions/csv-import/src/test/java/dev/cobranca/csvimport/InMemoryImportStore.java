package dev.cobranca.csvimport;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.importing.CsvPosition;
import dev.cobranca.core.upload.UploadStatus;
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
        CsvPosition position;
        ImportCounts counts = ImportCounts.NONE;
        String error;
        String reportKey;
        final List<Map.Entry<Long, Debt>> staging = new ArrayList<>();
        final List<String[]> rejected = new ArrayList<>();
        List<Chunk> chunks;
        final List<Integer> done = new ArrayList<>();
    }

    final Map<String, Upload> uploads = new HashMap<>();
    final TreeMap<String, UUID> charges = new TreeMap<>();
    final Map<Long, OutboxBatch> outbox = new LinkedHashMap<>();
    private final Map<Long, UUID> outboxUpload = new HashMap<>();
    private final Map<Long, Integer> outboxChunk = new HashMap<>();
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
            u.phase = Phase.STAGING;
        }
        return new Acquired(u.id, u.phase, u.position, u.counts);
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
    public StagingBatch beginBatch(UUID uploadId, String owner, Duration lease, CsvPosition from) {
        List<Map.Entry<Long, Debt>> accepted = new ArrayList<>();
        List<String[]> rejected = new ArrayList<>();
        return new StagingBatch() {
            @Override
            public void accept(long line, Debt debt) {
                accepted.add(Map.entry(line, debt));
            }

            @Override
            public void reject(long line, String reason, String text) {
                rejected.add(new String[] {Long.toString(line), reason, text});
            }

            @Override
            public void commit(CsvPosition after, long rows, long rejectedRows, boolean last) {
                synchronized (InMemoryImportStore.this) {
                    Upload u = fenced(uploadId, owner, lease);
                    long expected = u.position == null ? 0 : u.position.records();
                    if (expected != from.records() || u.phase != Phase.STAGING) {
                        throw new LeaseLostException(uploadId);
                    }
                    u.staging.addAll(accepted);
                    u.rejected.addAll(rejected);
                    u.position = after;
                    u.counts = u.counts.plusBatch(rows, rejectedRows);
                    if (last) {
                        u.phase = Phase.LOADING;
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized List<Chunk> pendingChunks(UUID uploadId, String owner, Duration lease, int rowsPerChunk) {
        Upload u = fenced(uploadId, owner, lease);
        if (u.chunks == null) {
            List<String> ids = u.staging.stream().map(e -> e.getValue().debtId()).sorted().distinct().toList();
            u.chunks = new ArrayList<>();
            String lower = null;
            for (int from = 0; from < ids.size() || u.chunks.isEmpty(); from += rowsPerChunk) {
                int to = Math.min(from + rowsPerChunk, ids.size());
                String upper = to >= ids.size() ? null : ids.get(to - 1);
                u.chunks.add(new Chunk(u.chunks.size(), lower, upper));
                lower = upper;
                if (upper == null) {
                    break;
                }
            }
        }
        return u.chunks.stream().filter(c -> !u.done.contains(c.chunkNo())).toList();
    }

    @Override
    public boolean mostlyKnown(UUID uploadId) {
        return false;
    }

    @Override
    public synchronized long loadChunk(UUID uploadId, String owner, Duration lease, Chunk chunk,
            int debtIdsPerMessage, boolean filterKnown) {
        Upload u = fenced(uploadId, owner, lease);
        if (u.done.contains(chunk.chunkNo())) {
            throw new LeaseLostException(uploadId);
        }
        List<Map.Entry<Long, Debt>> rows = u.staging.stream()
                .filter(e -> chunk.lowerExclusive() == null || e.getValue().debtId().compareTo(chunk.lowerExclusive()) > 0)
                .filter(e -> chunk.upperInclusive() == null || e.getValue().debtId().compareTo(chunk.upperInclusive()) <= 0)
                .sorted(Comparator.comparing((Map.Entry<Long, Debt> e) -> e.getValue().debtId()).thenComparing(Map.Entry::getKey))
                .toList();
        List<String> inserted = new ArrayList<>();
        for (Map.Entry<Long, Debt> row : rows) {
            if (charges.putIfAbsent(row.getValue().debtId(), uploadId) == null) {
                inserted.add(row.getValue().debtId());
            }
        }
        for (int i = 0; i < inserted.size(); i += debtIdsPerMessage) {
            OutboxBatch b = new OutboxBatch(++outboxIds, inserted.subList(i, Math.min(i + debtIdsPerMessage, inserted.size())));
            outbox.put(b.id(), b);
            outboxUpload.put(b.id(), uploadId);
            outboxChunk.put(b.id(), chunk.chunkNo());
        }
        u.done.add(chunk.chunkNo());
        return inserted.size();
    }

    @Override
    public synchronized List<OutboxBatch> chunkOutbox(UUID uploadId, int chunkNo, long afterId, int limit) {
        return outbox.values().stream().filter(b -> outboxUpload.get(b.id()).equals(uploadId)
                && outboxChunk.get(b.id()) == chunkNo && b.id() > afterId).limit(limit).toList();
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
