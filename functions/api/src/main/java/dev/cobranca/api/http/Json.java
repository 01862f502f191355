package dev.cobranca.api.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.util.Locale;

/** JSON in and out: one mapper, strict on input, ISO-8601 dates and exact decimals on output. */
public final class Json {

    /** API Gateway accepts 10 MB; our bodies are a few hundred bytes, so anything large is a mistake or abuse. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxNumberLength(40).maxStringLength(MAX_BODY_BYTES).build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * The request's JSON object body, or a 4xx: 415 for another media type, 413 when too large,
     * 400 when absent, malformed, or not an object.
     */
    public static JsonNode objectBody(HttpRequest request) {
        String contentType = request.header("content-type");
        if (contentType == null || !isJson(contentType)) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json" + (contentType == null ? "" : ", got '" + clip(contentType) + "'") + ".");
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("request body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("request body is required.");
        }
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(body)) {
            node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("malformed JSON: unexpected content after the object.");
            }
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed_json", "malformed JSON: " + clip(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed_json", "malformed JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object.");
        }
        return node;
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(Locale.ROOT);
            if (param.startsWith("charset=") && !param.equals("charset=utf-8") && !param.equals("charset=\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }

    /** Keeps echoed client input short in error messages. */
    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
    }
}
