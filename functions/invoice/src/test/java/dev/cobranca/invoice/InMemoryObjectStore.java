package dev.cobranca.invoice;

import dev.cobranca.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ObjectStore} in a map; {@link #failOn} makes PUTs of one key fail like an unreachable S3. */
final class InMemoryObjectStore implements ObjectStore {

    record Stored(byte[] content, String contentType) {
    }

    final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    void failOn(String key) {
        failing.add(key);
    }

    @Override
    public InputStream open(String key) {
        Stored s = objects.get(key);
        if (s == null) {
            throw new IllegalStateException("no such key: " + key);
        }
        return new ByteArrayInputStream(s.content());
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        Stored s = objects.get(key);
        return s == null ? Optional.empty() : Optional.of(new ObjectInfo(key, s.content().length, "etag"));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        if (failing.contains(key)) {
            throw new IllegalStateException("S3 unavailable (simulated) for " + key);
        }
        objects.put(key, new Stored(content.clone(), contentType));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            put(key, Files.readAllBytes(file), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
