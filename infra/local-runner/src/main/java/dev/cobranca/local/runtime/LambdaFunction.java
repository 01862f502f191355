package dev.cobranca.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function of the template, run like Lambda runs it: each execution environment is one handler instance, built
 * through its {@code (Map<String,String> env)} constructor and used by one invocation at a time; up to
 * {@code concurrency} environments exist. Events go in and come out as JSON, through Lambda's serialization.
 */
public final class LambdaFunction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunction.class);

    private final String name;
    private final String handlerClass;
    private final Map<String, String> environment;
    private final String region;
    private final int memoryMb;
    private final int timeoutSeconds;
    private final Semaphore slots;
    private final BlockingQueue<Object> idle = new LinkedBlockingQueue<>();
    private final Class<?> type;
    private final EventCodec codec;

    /**
     * @throws FunctionInitException when the handler class is missing or does not fit
     */
    public LambdaFunction(String name, String handlerClass, Map<String, String> environment, String region,
                          int memoryMb, int timeoutSeconds, int concurrency) {
        this.name = name;
        this.handlerClass = handlerClass;
        this.environment = Map.copyOf(environment);
        this.region = region;
        this.memoryMb = memoryMb;
        this.timeoutSeconds = timeoutSeconds;
        this.slots = new Semaphore(Math.max(1, concurrency), true);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            this.type = Class.forName(handlerClass, false, loader);
        } catch (ClassNotFoundException e) {
            throw new FunctionInitException(name + ": handler class " + handlerClass + " is not on the runner's classpath"
                    + " (is its module built and a dependency of infra/local-runner?)", e);
        }
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            this.codec = null;
        } else if (RequestHandler.class.isAssignableFrom(type)) {
            Type[] io = handlerTypes(type);
            this.codec = new EventCodec(io[0], io[1], loader);
        } else {
            throw new FunctionInitException(name + ": " + handlerClass + " implements neither RequestHandler nor RequestStreamHandler", null);
        }
    }

    public String name() {
        return name;
    }

    public String handlerClass() {
        return handlerClass;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Builds one execution environment now, so configuration errors show at start-up (like an init failure). */
    public void warmUp() {
        idle.add(newInstance());
    }

    /**
     * Invokes the handler once with a JSON event and returns its JSON response. Blocks while all environments are
     * busy.
     *
     * @throws FunctionErrorException when the handler throws (the Lambda "function error")
     */
    public String invoke(String eventJson) {
        slots.acquireUninterruptibly();
        try {
            Object handler = idle.poll();
            if (handler == null) {
                handler = newInstance();
            }
            try {
                return call(handler, eventJson);
            } finally {
                idle.add(handler);
            }
        } finally {
            slots.release();
        }
    }

    private String call(Object handler, String eventJson) {
        LocalContext context = LocalContext.create(name, region, memoryMb, timeoutSeconds);
        try {
            if (handler instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
                return out.toString(StandardCharsets.UTF_8);
            }
            Object input;
            try {
                input = codec.read(eventJson);
            } catch (RuntimeException e) {
                throw new FunctionErrorException(name + ": the event does not deserialize to the handler's input type: "
                        + e.getMessage(), e);
            }
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> h = (RequestHandler<Object, Object>) handler;
            return codec.write(h.handleRequest(input, context));
        } catch (FunctionErrorException e) {
            throw e;
        } catch (IOException e) {
            throw new FunctionErrorException(name + " failed: " + e, new UncheckedIOException(e));
        } catch (RuntimeException | Error e) {
            throw new FunctionErrorException(name + " failed (request " + context.awsRequestId() + "): " + e, e);
        }
    }

    private Object newInstance() {
        long start = System.nanoTime();
        try {
            Object handler;
            try {
                handler = type.getConstructor(Map.class).newInstance(environment);
            } catch (NoSuchMethodException e) {
                throw new FunctionInitException(name + ": " + handlerClass
                        + " needs a public constructor taking Map<String,String> (the environment)", e);
            }
            LOG.debug("{}: environment initialised in {} ms", name, (System.nanoTime() - start) / 1_000_000);
            return handler;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new FunctionInitException(name + " failed to initialise: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new FunctionInitException(name + ": cannot construct " + handlerClass + ": " + e, e);
        }
    }

    /** The handler's input and output types, from its {@code RequestHandler<I, O>} declaration. */
    static Type[] handlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type[] args = p.getActualTypeArguments();
                    return new Type[] {concrete(args[0]), concrete(args[1])};
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private static Type concrete(Type t) {
        return t instanceof TypeVariable<?> ? Object.class : t;
    }

    @Override
    public void close() {
        for (Object handler : idle) {
            if (handler instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("{}: closing an environment failed", name, e);
                }
            }
        }
        idle.clear();
    }

    @Override
    public String toString() {
        return name + " (" + handlerClass + ")";
    }
}
