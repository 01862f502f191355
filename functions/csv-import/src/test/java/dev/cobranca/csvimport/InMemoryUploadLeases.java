package dev.cobranca.csvimport;

import dev.cobranca.core.upload.UploadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** {@link UploadLeases} in memory: the port's contract without PostgreSQL, for unit tests of the service. */
final class InMemoryUploadLeases implements UploadLeases {

    private final InMemoryImportTables tables;

    InMemoryUploadLeases(InMemoryImportTables tables) {
        this.tables = tables;
    }

    @Override
    public Claim claim(StoredObject object, String owner, Duration lease) {
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.uploads.computeIfAbsent(object.key(), k -> {
                InMemoryImportTables.Upload n = new InMemoryImportTables.Upload();
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
    }

    @Override
    public void renewLease(UUID uploadId, String owner, Duration lease) {
        synchronized (tables) {
            tables.fenced(uploadId, owner, lease);
        }
    }

    @Override
    public ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey) {
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.fenced(uploadId, owner, Duration.ZERO);
            long accepted = tables.charges.values().stream().filter(uploadId::equals).count();
            u.counts = new ImportCounts(u.counts.total(), u.counts.rejected(), u.counts.valid(), accepted,
                    u.counts.valid() - accepted);
            u.status = accepted == 0 ? UploadStatus.COMPLETED : UploadStatus.IMPORTED;
            u.reportKey = rejectedReportKey;
            u.leaseOwner = null;
            u.phase = null;
            return u.counts;
        }
    }

    @Override
    public void fail(UUID uploadId, String owner, String error) {
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.fenced(uploadId, owner, Duration.ZERO);
            u.status = UploadStatus.FAILED;
            u.error = error;
            u.leaseOwner = null;
        }
    }

    @Override
    public void release(UUID uploadId, String owner) {
        synchronized (tables) {
            InMemoryImportTables.Upload u = tables.byId(uploadId);
            if (owner.equals(u.leaseOwner)) {
                u.leaseOwner = null;
            }
        }
    }
}
