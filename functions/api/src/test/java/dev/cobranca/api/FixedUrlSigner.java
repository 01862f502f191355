package dev.cobranca.api;

import dev.cobranca.api.port.UrlSigner;
import java.time.Duration;
import java.time.Instant;

/** Signs nothing: returns recognisable URLs, for tests that are not about S3. */
final class FixedUrlSigner implements UrlSigner {

    @Override
    public PresignedUrl upload(String key, String contentType, long contentLength, Duration ttl) {
        return new PresignedUrl("https://bucket.example/" + key + "?put&type=" + contentType + "&length=" + contentLength,
                Instant.now().plus(ttl));
    }

    @Override
    public PresignedUrl download(String key, Duration ttl) {
        return new PresignedUrl("https://bucket.example/" + key + "?get", Instant.now().plus(ttl));
    }
}
