package dev.cobranca.csvimport;

import dev.cobranca.core.upload.UploadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Who imports an upload: one invocation at a time holds its lease, renews it while it works and gives it up when the
 * import ends (IMPORTED, FAILED) or stops early. A write by an invocation whose lease was taken over fails with
 * {@link LeaseLostException} and commits nothing.
 */
public interface UploadLeases {

    /** Why an interrupted import cannot resume once its object was written again (the bucket keeps one version). */
    String VERSION_GONE = "the version of the file this import started on was replaced by another PUT to its URL"
            + " before the import could read it again; upload the file again under a new URL";

    /**
     * Finds (or, for an object the API did not announce, creates) the object's upload and tries to lease it. An event
     * for another version of an object whose import has started (a second PUT to its URL) is recorded on the upload
     * ({@link Overwritten}) and leases nothing: the import goes on with the version it claimed; if no invocation
     * holds that import any more, it cannot resume (its version is gone) and ends FAILED with {@link #VERSION_GONE}.
     */
    Claim claim(StoredObject object, String owner, Duration lease);

    /** Extends the lease of an import that is still reading. */
    void renewLease(UUID uploadId, String owner, Duration lease);

    /** IMPORTED with its final counts; marks it COMPLETED if nothing is left to do. */
    ImportCounts finish(UUID uploadId, String owner, String rejectedReportKey);

    /** FAILED with the reason. */
    void fail(UUID uploadId, String owner, String error);

    /** Gives up the lease early (the next delivery need not wait for it to expire). */
    void release(UUID uploadId, String owner);

    sealed interface Claim {
        UUID uploadId();
    }

    /** The caller holds the lease. @param etag the version of the object the import reads (null: any) */
    record Acquired(UUID uploadId, Phase phase, ImportCounts counts, String etag) implements Claim {
    }

    /**
     * The event names a later version of an object whose import started with another: recorded on the upload, not
     * imported. @param etag the version the import reads
     */
    record Overwritten(UUID uploadId, UploadStatus status, ImportCounts counts, String etag) implements Claim {
    }

    /** The import already ended. */
    record Finished(UUID uploadId, UploadStatus status, ImportCounts counts, String error) implements Claim {
    }

    /** Another invocation holds the lease. */
    record Busy(UUID uploadId, Instant leaseExpiresAt) implements Claim {
    }

    /** READING: nothing is written but the lease; LOADING: the plan is recorded, its key ranges load. */
    enum Phase {
        READING,
        LOADING
    }
}
