package dev.cobranca.testfixtures;

import dev.cobranca.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ObjectStore} in a map, keeping the port's contract as S3 does: a missing key is {@link NotFoundException},
 * a read pinned to an ETag of an object written again since is {@link ChangedException}, and the ETag is the MD5 of
 * the content (S3's for a single PUT), so writing the same bytes again keeps it. {@link #failPutsTo} makes writes of
 * one key fail like an unreachable S3.
 */
public final class InMemoryObjectStore implements ObjectStore {

    /** An object as stored: a copy of the bytes written. */
    public record Stored(byte[] content, String contentType, String etag) {
        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    @Override
    public InputStream open(String key) {
        return new ByteArrayInputStream(require(key).content);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        Stored s = objects.get(key);
        return s == null ? Optional.empty() : Optional.of(new ObjectInfo(key, s.content.length, s.etag));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        if (failing.contains(key)) {
            throw new IllegalStateException("S3 unavailable (simulated) for " + key);
        }
        byte[] copy = content.clone();
        objects.put(key, new Stored(copy, contentType, md5(copy)));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(key, content, contentType);
    }

    /** From now on every write of {@code key} fails (the objects already there stay readable). */
    public void failPutsTo(String key) {
        failing.add(key);
    }

    /** The object at {@code key}, if any. */
    public Optional<Stored> stored(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** The object's bytes; {@link NotFoundException} when there is none, as {@link #open(String)}. */
    public byte[] content(String key) {
        return require(key).content();
    }

    /** Every key stored, in order. */
    public Set<String> keys() {
        return new TreeSet<>(objects.keySet());
    }

    public void delete(String key) {
        objects.remove(key);
    }

    public void clear() {
        objects.clear();
    }

    private Stored require(String key) {
        Stored s = objects.get(key);
        if (s == null) {
            throw new NotFoundException(key, null);
        }
        return s;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
