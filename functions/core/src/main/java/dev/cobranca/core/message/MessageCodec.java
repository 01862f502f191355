package dev.cobranca.core.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON form of the SQS message records. Unknown fields are errors: a message we cannot read fails loudly. */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private MessageCodec() {
    }

    public static String encode(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** @throws MalformedMessageException when the body is not a valid message of that type */
    public static <T> T decode(String body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new MalformedMessageException("empty " + type.getSimpleName() + " message", null);
            }
            return value;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof MalformedMessageException m) {
                throw m;
            }
            throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
