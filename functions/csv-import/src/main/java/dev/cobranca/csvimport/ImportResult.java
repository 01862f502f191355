package dev.cobranca.csvimport;

import dev.cobranca.core.upload.UploadStatus;
import java.util.UUID;

/**
 * What one object's import came to; the handler returns these.
 *
 * @param error why the upload FAILED, else null
 */
public record ImportResult(UUID uploadId, String key, UploadStatus status, ImportCounts rows, String error) {
}
