package dev.cobranca.api.port;

import java.time.Duration;
import java.time.Instant;

/** Presigned URLs on the bucket: the client talks to storage directly, with only the rights the URL grants. */
public interface UrlSigner {

    /** A PUT of exactly {@code contentLength} bytes of {@code contentType} to {@code key}, and nothing else. */
    PresignedUrl upload(String key, String contentType, long contentLength, Duration ttl);

    /** A GET of {@code key}. */
    PresignedUrl download(String key, Duration ttl);

    record PresignedUrl(String url, Instant expiresAt) {
    }
}
