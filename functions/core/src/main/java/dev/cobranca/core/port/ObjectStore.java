package dev.cobranca.core.port;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** The bucket: uploads, reports and invoices, addressed by key. */
public interface ObjectStore {

    /** Streams the object from its first byte. */
    InputStream open(String key);

    /** Streams the object from {@code byteOffset} (a ranged GET), for resuming an import. */
    InputStream open(String key, long byteOffset);

    Optional<ObjectInfo> head(String key);

    void put(String key, byte[] content, String contentType);

    void put(String key, Path file, String contentType);

    record ObjectInfo(String key, long size, String etag) {
    }
}
