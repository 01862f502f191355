package dev.cobranca.core.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The bucket: uploads, reports and invoices, addressed by key. */
public interface ObjectStore {

    /**
     * Streams the object from its first byte.
     *
     * @throws NotFoundException when there is no such object
     */
    InputStream open(String key);

    /**
     * Streams one version of the object: the one with this ETag (S3's {@code If-Match}), so that a later write to the
     * same key cannot change what a reader started on. A null ETag reads whatever is there.
     *
     * @throws NotFoundException when there is no such object
     * @throws ChangedException  when the object is there with another ETag (it was written again)
     */
    default InputStream open(String key, String etag) {
        if (etag != null) {
            Optional<ObjectInfo> info = head(key);
            if (info.isPresent() && !etag.equals(info.get().etag())) {
                throw new ChangedException(key, etag, null);
            }
        }
        return open(key);
    }

    Optional<ObjectInfo> head(String key);

    void put(String key, byte[] content, String contentType);

    void put(String key, Path file, String contentType);

    /**
     * Streams {@code content} into the object. This default holds it in memory (for stores in memory); a store that
     * streams (S3) overrides it.
     */
    default void put(String key, Content content, String contentType) {
        try (InputStream in = content.open()) {
            put(key, in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes made on demand, of a length known before they are: streamed to the store, never held whole. May be opened
     * more than once (a retried request reads it again), and gives the same bytes each time.
     */
    interface Content {
        long length();

        InputStream open();
    }

    record ObjectInfo(String key, long size, String etag) {
    }

    /** The object was written again: the version asked for is gone (a bucket without versioning keeps one). */
    final class ChangedException extends RuntimeException {
        public ChangedException(String key, String etag, Throwable cause) {
            super("object " + key + " is no longer the version with ETag " + etag + " (it was written again)", cause);
        }
    }

    /** The object does not exist (deleted, or never written): retrying will not make it appear. */
    final class NotFoundException extends RuntimeException {
        public NotFoundException(String key, Throwable cause) {
            super("object " + key + " does not exist", cause);
        }
    }
}
