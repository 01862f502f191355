package dev.cobranca.core.port;

import java.io.InputStream;
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

    Optional<ObjectInfo> head(String key);

    void put(String key, byte[] content, String contentType);

    void put(String key, Path file, String contentType);

    record ObjectInfo(String key, long size, String etag) {
    }

    /** The object does not exist (deleted, or never written): retrying will not make it appear. */
    final class NotFoundException extends RuntimeException {
        public NotFoundException(String key, Throwable cause) {
            super("object " + key + " does not exist", cause);
        }
    }
}
