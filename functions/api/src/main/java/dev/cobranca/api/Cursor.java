package dev.cobranca.api;

import dev.cobranca.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of {@code GET /charges}: the last seen charge's seq, base64url-encoded with a version
 * prefix so the format can change without old cursors being misread.
 */
final class Cursor {

    private static final Pattern FORMAT = Pattern.compile("c1:(\\d{1,18})");

    private Cursor() {
    }

    static String encode(long lastSeq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c1:" + lastSeq).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ApiException 400 for anything {@link #encode} did not produce */
    static long decode(String cursor) {
        if (cursor.length() > 40) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw invalid();
        }
        return Long.parseLong(m.group(1));
    }

    private static ApiException invalid() {
        return ApiException.badRequest("cursor is not valid: pass back the nextCursor of a previous page unchanged.");
    }
}
