package dev.cobranca.api.model;

import java.util.UUID;

/** An upload the API has accepted: the server chose its id and its key. */
public record NewUpload(UUID id, String bucket, String objectKey, String fileName, long contentLength) {
}
