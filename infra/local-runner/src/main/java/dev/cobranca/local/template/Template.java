package dev.cobranca.local.template;

import dev.cobranca.samtemplate.CfnYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a SAM template the local runner acts on: functions (handler, environment, timeout, events), SQS
 * queues and S3 buckets. Values stay raw (intrinsics unevaluated) until {@link Intrinsics} resolves them.
 */
public final class Template {

    /** An {@code AWS::Serverless::Function}. {@code environment} merges Globals and the function's own variables. */
    public record Function(String logicalId, String handler, Map<String, Object> environment, int timeoutSeconds,
                           int memoryMb, Integer reservedConcurrency, List<S3Trigger> s3Triggers,
                           List<SqsTrigger> sqsTriggers, List<HttpRoute> httpRoutes, List<ScheduleTrigger> schedules) {

        /** The handler's class: {@code Handler} up to {@code ::}. */
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }
    }

    /** An S3 event: the bucket's logical id, event patterns ({@code s3:ObjectCreated:*}) and key filter. */
    public record S3Trigger(String name, String bucketLogicalId, List<String> events, String prefix, String suffix) {

        public boolean matches(String eventName, String key) {
            boolean event = events.stream().anyMatch(pattern -> {
                String p = pattern.startsWith("s3:") ? pattern.substring(3) : pattern;
                return p.endsWith("*") ? eventName.startsWith(p.substring(0, p.length() - 1)) : p.equals(eventName);
            });
            return event && (prefix == null || key.startsWith(prefix)) && (suffix == null || key.endsWith(suffix));
        }
    }

    /** An SQS event-source mapping. */
    public record SqsTrigger(String name, String queueLogicalId, int batchSize, boolean reportBatchItemFailures,
                             Integer maximumConcurrency, boolean enabled) {
    }

    /**
     * An EventBridge schedule ({@code Schedule}, or {@code ScheduleV2} of EventBridge Scheduler): the expression
     * ({@code rate(5 minutes)}, {@code cron(0 3 * * ? *)}) and the optional constant {@code Input} stay raw (they may
     * hold intrinsics).
     */
    public record ScheduleTrigger(String name, Object expression, Object input, boolean enabled) {
    }

    /** An HTTP API route; {@code method} is upper case or {@code ANY}, {@code path} like {@code /uploads/{id}}. */
    public record HttpRoute(String name, String method, String path) {
        public String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }
    }

    /** An {@code AWS::SQS::Queue}. */
    public record Queue(String logicalId, Map<String, Object> properties) {
    }

    /** An {@code AWS::S3::Bucket}; {@code bucketName} is raw (may be null: CloudFormation would generate one). */
    public record Bucket(String logicalId, Object bucketName) {
    }

    private final Map<String, Object> root;

    private Template(Map<String, Object> root) {
        this.root = root;
    }

    public static Template load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TemplateException("No template at " + file.toAbsolutePath()
                    + ": run from the project's root (where template.yaml is) or pass --template.");
        }
        try {
            return new Template(CfnYaml.load(file));
        } catch (IOException e) {
            throw new TemplateException("Cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new TemplateException("Cannot parse " + file + ": " + e.getMessage());
        }
    }

    public static Template of(Map<String, Object> root) {
        return new Template(root);
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    public Map<String, Object> mappings() {
        return section("Mappings");
    }

    public Map<String, Object> resources() {
        return section("Resources");
    }

    public String resourceType(String logicalId) {
        return resources().get(logicalId) instanceof Map<?, ?> r ? String.valueOf(r.get("Type")) : null;
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(section("Globals").get("Function")), "Globals.Function");
        List<Function> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : resources().entrySet()) {
            Map<String, Object> resource = map(e.getValue(), e.getKey());
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            String id = e.getKey();
            Map<String, Object> props = map(resource.get("Properties"), id + ".Properties");
            Map<String, Object> env = new LinkedHashMap<>(variables(globals));
            env.putAll(variables(props));
            Object handler = props.getOrDefault("Handler", globals.get("Handler"));
            if (handler == null) {
                throw new TemplateException(id + " has no Handler");
            }
            List<S3Trigger> s3 = new ArrayList<>();
            List<SqsTrigger> sqs = new ArrayList<>();
            List<HttpRoute> http = new ArrayList<>();
            List<ScheduleTrigger> schedules = new ArrayList<>();
            for (Map.Entry<String, Object> ev : map(props.get("Events"), id + ".Events").entrySet()) {
                Map<String, Object> event = map(ev.getValue(), id + ".Events." + ev.getKey());
                Map<String, Object> p = map(event.get("Properties"), id + ".Events." + ev.getKey() + ".Properties");
                String where = id + ".Events." + ev.getKey();
                switch (String.valueOf(event.get("Type"))) {
                    case "S3" -> s3.add(s3Trigger(ev.getKey(), p, where));
                    case "SQS" -> sqs.add(sqsTrigger(ev.getKey(), p, where));
                    case "HttpApi", "Api" -> http.add(new HttpRoute(ev.getKey(),
                            String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT),
                            String.valueOf(p.getOrDefault("Path", "$default"))));
                    case "Schedule" -> schedules.add(new ScheduleTrigger(ev.getKey(), required(p, "Schedule", where),
                            p.get("Input"), !"false".equals(String.valueOf(p.get("Enabled")))
                                    && !"DISABLED".equals(String.valueOf(p.get("State")))));
                    case "ScheduleV2" -> schedules.add(new ScheduleTrigger(ev.getKey(),
                            required(p, "ScheduleExpression", where), p.get("Input"),
                            !"DISABLED".equals(String.valueOf(p.get("State")))));
                    default -> {
                        // other event types (streams, ...) are not wired locally
                    }
                }
            }
            out.add(new Function(id, String.valueOf(handler), env,
                    intValue(props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3))),
                    intValue(props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128))),
                    props.get("ReservedConcurrentExecutions") == null ? null : intValue(props.get("ReservedConcurrentExecutions")),
                    s3, sqs, http, schedules));
        }
        return out;
    }

    public List<Queue> queues() {
        List<Queue> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : resources().entrySet()) {
            Map<String, Object> resource = map(e.getValue(), e.getKey());
            if ("AWS::SQS::Queue".equals(resource.get("Type"))) {
                out.add(new Queue(e.getKey(), map(resource.get("Properties"), e.getKey() + ".Properties")));
            }
        }
        return out;
    }

    public List<Bucket> buckets() {
        List<Bucket> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : resources().entrySet()) {
            Map<String, Object> resource = map(e.getValue(), e.getKey());
            if ("AWS::S3::Bucket".equals(resource.get("Type"))) {
                out.add(new Bucket(e.getKey(), map(resource.get("Properties"), e.getKey()).get("BucketName")));
            }
        }
        return out;
    }

    private static S3Trigger s3Trigger(String name, Map<String, Object> p, String where) {
        String bucket = logicalIdOf(p.get("Bucket"), where + ".Bucket");
        List<String> events = new ArrayList<>();
        Object ev = p.get("Events");
        if (ev instanceof List<?> l) {
            l.forEach(x -> events.add(String.valueOf(x)));
        } else if (ev != null) {
            events.add(String.valueOf(ev));
        }
        String prefix = null;
        String suffix = null;
        Map<String, Object> filter = map(p.get("Filter"), where + ".Filter");
        Object rules = map(filter.get("S3Key"), where + ".Filter.S3Key").get("Rules");
        if (rules instanceof List<?> list) {
            for (Object r : list) {
                Map<String, Object> rule = map(r, where + ".Filter");
                String ruleName = String.valueOf(rule.get("Name")).toLowerCase(Locale.ROOT);
                if (ruleName.equals("prefix")) {
                    prefix = String.valueOf(rule.get("Value"));
                } else if (ruleName.equals("suffix")) {
                    suffix = String.valueOf(rule.get("Value"));
                }
            }
        }
        return new S3Trigger(name, bucket, events, prefix, suffix);
    }

    private static SqsTrigger sqsTrigger(String name, Map<String, Object> p, String where) {
        String queue = logicalIdOf(p.get("Queue"), where + ".Queue");
        boolean partial = p.get("FunctionResponseTypes") instanceof List<?> types
                && types.stream().anyMatch(t -> "ReportBatchItemFailures".equals(String.valueOf(t)));
        Object scaling = map(p.get("ScalingConfig"), where).get("MaximumConcurrency");
        return new SqsTrigger(name, queue, intValue(p.getOrDefault("BatchSize", 10)), partial,
                scaling == null ? null : intValue(scaling), !"false".equals(String.valueOf(p.get("Enabled"))));
    }

    private static Object required(Map<String, Object> p, String property, String where) {
        Object value = p.get(property);
        if (value == null) {
            throw new TemplateException(where + " has no " + property);
        }
        return value;
    }

    /** The logical id behind {@code !Ref X} or {@code !GetAtt X.Arn}. */
    private static String logicalIdOf(Object value, String where) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object arg = m.values().iterator().next();
            if (m.containsKey("Ref")) {
                return String.valueOf(arg);
            }
            if (m.containsKey("Fn::GetAtt") && arg instanceof List<?> l && !l.isEmpty()) {
                return String.valueOf(l.getFirst());
            }
        }
        throw new TemplateException(where + ": the local runner needs !Ref or !GetAtt of a resource of this template, got " + value);
    }

    private Map<String, Object> section(String name) {
        return map(root.get(name), name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new TemplateException(where + ": expected a mapping, got " + value);
    }

    private static Map<String, Object> map(Object value) {
        return map(value, "?");
    }

    private static Map<String, Object> variables(Map<String, Object> props) {
        return map(map(map(props.get("Environment")).get("Variables")));
    }

    private static int intValue(Object v) {
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException("expected a number, got " + v + " (intrinsics are not supported here)");
        }
    }
}
