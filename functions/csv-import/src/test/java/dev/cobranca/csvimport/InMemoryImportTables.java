package dev.cobranca.csvimport;

import dev.cobranca.core.upload.UploadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What {@link InMemoryUploadLeases}, {@link InMemoryChargeLoader} and {@link InMemoryInvoiceOutbox} share, as the
 * PostgreSQL adapters share their tables; each fake locks this object for its writes.
 */
final class InMemoryImportTables {

    static final class Upload {
        UUID id;
        StoredObject object;
        UploadStatus status = UploadStatus.WAITING;
        String leaseOwner;
        Instant leaseExpiresAt;
        UploadLeases.Phase phase;
        ImportCounts counts = ImportCounts.NONE;
        String error;
        String reportKey;
        List<ChargeLoader.KeyRange> keyRanges;
        final List<Integer> done = new ArrayList<>();
    }

    final Map<String, Upload> uploads = new HashMap<>();
    final TreeMap<String, UUID> charges = new TreeMap<>();
    final Map<Long, InvoiceOutbox.Batch> outbox = new LinkedHashMap<>();
    final Map<Long, UUID> outboxUpload = new HashMap<>();
    long outboxIds;

    synchronized Upload upload(String key) {
        return uploads.get(key);
    }

    /** Call holding this object's lock. */
    Upload byId(UUID id) {
        return uploads.values().stream().filter(u -> u.id.equals(id)).findFirst().orElseThrow();
    }

    /** The upload, its lease renewed, if the caller still holds it. Call holding this object's lock. */
    Upload fenced(UUID id, String owner, Duration lease) {
        Upload u = byId(id);
        if (!owner.equals(u.leaseOwner)) {
            throw new LeaseLostException(id);
        }
        u.leaseExpiresAt = Instant.now().plus(lease);
        return u;
    }
}
