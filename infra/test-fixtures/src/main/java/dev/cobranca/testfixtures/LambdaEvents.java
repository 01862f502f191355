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
import java.util.function.UnaryOperator;

/**
 * The sample events of the repository's {@code events/} folder (on the classpath as {@code events/<fn>/<file>}), read
 * the way the Lambda Java runtime reads an event: through aws-lambda-java-serialization, with the field names and
 * date formats of aws-lambda-java-events, never hand-built POJOs.
 */
public final class LambdaEvents {

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
