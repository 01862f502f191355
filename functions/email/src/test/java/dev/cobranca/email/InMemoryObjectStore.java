package dev.cobranca.email;

import dev.cobranca.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ObjectStore} in a map, read-only as the e-mail function uses it. */
final class InMemoryObjectStore implements ObjectStore {

    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public InputStream open(String key) {
        byte[] content = objects.get(key);
        if (content == null) {
            throw new IllegalStateException("no such key: " + key);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        byte[] content = objects.get(key);
        return content == null ? Optional.empty() : Optional.of(new ObjectInfo(key, content.length, "etag"));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        objects.put(key, content.clone());
    }

    @Override
    public void put(String key, Path file, String contentType) {
        throw new UnsupportedOperationException();
    }
}
