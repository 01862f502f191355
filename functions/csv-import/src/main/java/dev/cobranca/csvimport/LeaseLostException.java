package dev.cobranca.csvimport;

import java.util.UUID;

/**
 * The lease on an import was lost (expired and taken over by another invocation): this invocation must stop without
 * committing. Every write of {@link UploadLeases}, {@link ChargeLoader} is fenced by the caller's lease.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(UUID uploadId) {
        super("lost the lease on upload " + uploadId + ": another invocation took the import over");
    }
}
