package dev.cobranca.local.runtime;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON in and out of a handler the way the Lambda Java runtime does it: Lambda's own serializers for the event
 * classes of aws-lambda-java-events (their field names and date formats), Lambda's Jackson for anything else.
 */
final class EventCodec {

    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;

    EventCodec(Type inputType, Type outputType, ClassLoader loader) {
        this.input = serializer(inputType, loader);
        this.output = serializer(outputType, loader);
    }

    Object read(String json) {
        return input == null ? json : input.fromJson(json);
    }

    String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (output == null) {
            return value.toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        if (type == null || type == Void.class || type == void.class) {
            return null;
        }
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
