package dev.cobranca.csvimport;

import dev.cobranca.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ObjectStore} in memory. */
final class InMemoryObjectStore implements ObjectStore {

    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public InputStream open(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new NotFoundException(key, null);
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        byte[] bytes = objects.get(key);
        return bytes == null ? Optional.empty() : Optional.of(new ObjectInfo(key, bytes.length, Integer.toHexString(bytes.length)));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        objects.put(key, content.clone());
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
