package dev.cobranca.csvimport;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uploaded object an S3 event names.
 *
 * @param key  already URL-decoded
 * @param etag as S3 reports it, without quotes; identifies this version of the object
 */
public record StoredObject(String bucket, String key, String etag, long size) {

    private static final Pattern API_KEY = Pattern.compile(
            "uploads/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\.csv");

    /** The upload id, when the key is one the API handed out ({@code uploads/{uuid}.csv}). */
    public Optional<UUID> uploadIdFromKey() {
        Matcher m = API_KEY.matcher(key);
        return m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
