package dev.cobranca.api.response;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** 201 of {@code POST /uploads}: where and how to PUT the file. */
public record UploadCreated(UUID uploadId, String uploadUrl, String method, Map<String, String> headers, Instant expiresAt) {
}
