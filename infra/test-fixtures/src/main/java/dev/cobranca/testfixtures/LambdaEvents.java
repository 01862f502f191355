package dev.cobranca.testfixtures;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The sample events of the repository's {@code events/} folder (on the classpath as {@code events/<fn>/<file>}), read
 * the way the Lambda Java runtime reads an event: through aws-lambda-java-serialization, with the field names and
 * date formats of aws-lambda-java-events, never hand-built POJOs.
 */
public final class LambdaEvents {

    /** The upload the sample SQS events of events/invoice and events/email are for. */
    public static final UUID SAMPLE_UPLOAD_ID = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5f0b7a8e14");
    /** The debtIds those events carry: the first three in their first record, the other two in their second. */
    public static final List<String> SAMPLE_DEBT_IDS = List.of("1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca",
            "d2a5e1f0-6c3b-4a7e-8f19-5b0c3d7e9a42", "8c7f3e21-94ab-4d6c-b0e5-1f2a3b4c5d6e",
            "4e9b7d13-2c8a-4f5e-a6d1-9b3c7e0f2a58", "b61f0c9d-3e7a-4b28-9d4c-5a1e8f7b2c03");

    private LambdaEvents() {
    }

    /**
     * @param name {@code <fn>/<file>} under {@code events/}, e.g. {@code "invoice/sqs-invoice-requested.json"}
     */
    public static <T> T load(String name, Class<T> type) {
        return fromJson(json(name), type);
    }

    /** The sample event's JSON text, for a test that changes a field before reading it. */
    public static String json(String name) {
        try (InputStream in = LambdaEvents.class.getClassLoader().getResourceAsStream("events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event events/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    public static <T> String toJson(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The handler as the runtime invokes it: the event's JSON in, the response's JSON out (no context, as in the
     * tests that call handlers directly). What the runner's SQS event source drives.
     */
    public static <I, O> UnaryOperator<String> asJson(RequestHandler<I, O> handler, Class<I> input, Class<O> output) {
        return json -> toJson(handler.handleRequest(fromJson(json, input), null), output);
    }

    /** Lambda's serializer for its event classes, its Jackson for anything else (as the runtime chooses). */
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
