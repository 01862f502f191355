package dev.cobranca.templatecheck;

import static dev.cobranca.templatecheck.Template.list;
import static dev.cobranca.templatecheck.Template.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.testfixtures.LambdaEvents;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** template.yaml held against the code: handlers, event types, environment, references, queues, bucket, sample events. */
class TemplateTest {

    static final Template T = Template.load();
    static final String FUNCTION = "AWS::Serverless::Function";

    /** The variables each function needs whatever its Config says: its database, its bucket, its queues. */
    static final Map<String, List<String>> CONTRACT = Map.of(
            "ApiFunction", List.of("DATABASE_URL", "BUCKET_NAME"),
            "CsvImportFunction", List.of("DATABASE_URL", "BUCKET_NAME", "INVOICE_QUEUE_URL"),
            "InvoiceFunction", List.of("DATABASE_URL", "BUCKET_NAME", "EMAIL_QUEUE_URL"),
            "EmailFunction", List.of("DATABASE_URL", "BUCKET_NAME"),
            "RemittanceFunction", List.of("DATABASE_URL", "BUCKET_NAME"),
            "BankReturnFunction", List.of("DATABASE_URL", "BUCKET_NAME"),
            "MigrationFunction", List.of("DATABASE_URL"),
            "RepairFunction", List.of("DATABASE_URL", "IMPORT_FUNCTION_NAME", "INVOICE_QUEUE_URL", "EMAIL_QUEUE_URL"));

    static List<String> functions() {
        return T.ofType(FUNCTION);
    }

    @Test
    void shouldDeclareTheFunctions() {
        assertThat(functions()).containsExactlyInAnyOrder("ApiFunction", "CsvImportFunction", "InvoiceFunction", "EmailFunction",
                "RemittanceFunction", "BankReturnFunction", "MigrationFunction", "RepairFunction");
    }

    /** The event type a function's triggers deliver. */
    static Class<?> eventType(String functionId) {
        if (!T.properties(functionId).containsKey("Events")) {
            assertThat(customResourcesServedBy(functionId)).as(functionId + " has no trigger: a custom resource must call it").isNotEmpty();
            return CloudFormationCustomResourceEvent.class;
        }
        Set<Class<?>> types = new HashSet<>();
        for (Object event : map(T.properties(functionId).get("Events")).values()) {
            types.add(switch ((String) map(event).get("Type")) {
                case "HttpApi" -> APIGatewayV2HTTPEvent.class;
                case "S3" -> S3Event.class;
                case "SQS" -> SQSEvent.class;
                case "Schedule" -> com.amazonaws.services.lambda.runtime.events.ScheduledEvent.class;
                default -> throw new AssertionError(functionId + ": unexpected event type " + map(event).get("Type"));
            });
        }
        assertThat(types).as(functionId + " has triggers of one kind").hasSize(1);
        return types.iterator().next();
    }

    /** Custom resources whose ServiceToken is this function. */
    static List<String> customResourcesServedBy(String functionId) {
        return T.resources().entrySet().stream()
                .filter(r -> String.valueOf(map(r.getValue()).get("Type")).startsWith("Custom::"))
                .filter(r -> String.valueOf(map(map(r.getValue()).get("Properties")).get("ServiceToken")).contains(functionId))
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void theSchemaShouldBeMigratedBeforeTheFunctionsThatUseItAreUpdated() {
        assertThat(customResourcesServedBy("MigrationFunction")).containsExactly("SchemaMigration");
        assertThat(T.properties("MigrationFunction").get("AutoPublishAlias")).as("a new version per code change").isNotNull();
        assertThat(String.valueOf(map(map(T.resources().get("SchemaMigration")).get("Properties")).get("FunctionVersion")))
                .as("the custom resource changes with each published version, so every such deploy migrates")
                .contains("MigrationFunction.Version");
        for (String id : functions()) {
            if (!id.equals("MigrationFunction") && CONTRACT.getOrDefault(id, List.of()).contains("DATABASE_URL")) {
                assertThat(String.valueOf(map(T.resources().get(id)).get("DependsOn"))).as(id + " DependsOn").contains("SchemaMigration");
            }
        }
    }

    /** The handler class, or an aborted test while the function's module has no code yet. */
    static Class<?> handlerClass(String functionId) {
        String handler = (String) T.properties(functionId).get("Handler");
        assertThat(handler).as(functionId + " Handler").matches("[a-z][\\w.]*\\.[A-Z]\\w*::handleRequest");
        String className = handler.substring(0, handler.indexOf("::"));
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            String pkg = className.substring(0, className.lastIndexOf('.')).replace('.', '/');
            Assumptions.assumeTrue(TemplateTest.class.getClassLoader().getResource(pkg) != null,
                    functionId + ": module functions/" + T.module(functionId) + " has no code yet");
            return fail(functionId + ": handler class " + className + " does not exist");
        }
    }

    static Class<?> configClass(Class<?> handler, String functionId) {
        String name = handler.getPackageName() + "." + handler.getSimpleName().replace("Handler", "Config");
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return fail(functionId + ": no " + name + " (every function reads its settings in <Fn>Config.fromEnv)");
        }
    }

    @Test
    void everyHandlerShouldExist_andTakeItsTriggersEventType() {
        for (String id : functions()) {
            Class<?> expected = eventType(id);
            Class<?> handler;
            try {
                handler = handlerClass(id);
            } catch (org.opentest4j.TestAbortedException e) {
                System.out.println("skipped: " + e.getMessage());
                continue;
            }
            assertThat(RequestHandler.class).as(id).isAssignableFrom(handler);
            assertThat(requestType(handler)).as(id + " RequestHandler input type").isEqualTo(expected);
            assertThat(Stream.of(handler.getMethods()).anyMatch(m -> m.getName().equals("handleRequest")
                    && m.getParameterCount() == 2 && m.getParameterTypes()[0] == expected && m.getParameterTypes()[1] == Context.class))
                    .as(id + " handleRequest(" + expected.getSimpleName() + ", Context)").isTrue();
            assertThat(handler.getConstructors()).as(id + " public no-arg constructor for Lambda")
                    .anyMatch(c -> c.getParameterCount() == 0);
            assertThat(Files.isRegularFile(T.root().resolve("functions/" + T.module(id) + "/pom.xml"))).as(id + " CodeUri module").isTrue();
            assertThat((String) T.properties(id).get("CodeUri")).as(id + " CodeUri")
                    .isEqualTo("functions/" + T.module(id) + "/target/cobranca-" + T.module(id) + "-0.1.0-SNAPSHOT-lambda.jar");
        }
    }

    static Type requestType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments()[0];
                }
            }
        }
        return null;
    }

    @Test
    void everyRequiredVariableShouldBeSet() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String id : functions()) {
            Map<String, Object> env = T.environment(id);
            for (String name : CONTRACT.get(id)) {
                if (!env.containsKey(name)) {
                    problems.add(id + " lacks " + name + " (shared contract)");
                }
            }
            Class<?> handler;
            try {
                handler = handlerClass(id);
            } catch (org.opentest4j.TestAbortedException e) {
                continue;
            }
            Class<?> config = configClass(handler, id);
            try {
                Object required = config.getField("REQUIRED").get(null);
                for (Object name : (List<?>) required) {
                    if (!env.containsKey((String) name)) {
                        problems.add(id + " lacks " + name + " (" + config.getSimpleName() + ".REQUIRED)");
                    }
                }
            } catch (NoSuchFieldException e) {
                System.out.println(config.getName() + " has no REQUIRED list; checking through fromEnv only");
            }
            problems.addAll(fromEnvProblems(id, config, env));
        }
        assertThat(problems).isEmpty();
    }

    private static final Pattern VARIABLE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    /**
     * Runs {@code <Fn>Config.fromEnv} on the template's environment with placeholders for what CloudFormation resolves.
     * Secrets are left out (reading them is a network call); a failure that names a variable the template does not
     * set, and no left-out secret, is a missing variable.
     */
    static List<String> fromEnvProblems(String id, Class<?> config, Map<String, Object> templateEnv) throws Exception {
        Map<String, String> env = new HashMap<>();
        Set<String> leftOut = new TreeSet<>();
        templateEnv.forEach((k, v) -> {
            if (k.endsWith("_SECRET_ARN")) {
                leftOut.add(k);
            } else {
                env.put(k, placeholder(v));
            }
        });
        Method fromEnv = config.getMethod("fromEnv", Map.class);
        try {
            fromEnv.invoke(null, env);
            return List.of();
        } catch (java.lang.reflect.InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            Matcher m = VARIABLE.matcher(message);
            List<String> named = new ArrayList<>();
            while (m.find()) {
                named.add(m.group());
            }
            if (named.stream().anyMatch(leftOut::contains) || named.isEmpty()) {
                return List.of();
            }
            return List.of(id + ": " + config.getSimpleName() + ".fromEnv refused the template's environment: " + message);
        }
    }

    /** What a value would look like once CloudFormation resolved it. */
    static String placeholder(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        Map<String, Object> fn = map(value);
        if (fn.containsKey("Fn::If")) {
            // the environment's conditions (RDS Proxy) are false in a deployment with the default parameters
            return placeholder(list(fn.get("Fn::If")).get(2));
        }
        if (fn.containsKey("Ref")) {
            String target = (String) fn.get("Ref");
            Map<String, Object> param = map(T.section("Parameters").get(target));
            if (param.containsKey("Default") && !String.valueOf(param.get("Default")).isEmpty()) {
                return String.valueOf(param.get("Default"));
            }
            String type = (String) map(T.resources().get(target)).get("Type");
            if ("AWS::SQS::Queue".equals(type)) {
                return "https://sqs.us-east-1.amazonaws.com/123456789012/" + target;
            }
            return "Number".equals(param.get("Type")) ? "1" : target.toLowerCase(java.util.Locale.ROOT) + "-value";
        }
        if (fn.containsKey("Fn::Sub")) {
            Object sub = fn.get("Fn::Sub");
            String text = sub instanceof String s ? s : (String) list(sub).get(0);
            Matcher m = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String replacement = switch (name) {
                    case "AWS::Region" -> "us-east-1";
                    case "AWS::AccountId" -> "123456789012";
                    case "AWS::StackName" -> "cobranca";
                    default -> name.contains(".") ? "value" : placeholder(Map.of("Ref", name));
                };
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        return "value";
    }

    @Test
    void everyReferenceShouldResolve() {
        Set<String> names = new HashSet<>(T.section("Parameters").keySet());
        names.addAll(T.resources().keySet());
        names.addAll(Template.PSEUDO_PARAMETERS);
        Set<String> conditions = T.section("Conditions").keySet();
        List<String> problems = new ArrayList<>();
        walk(T.yaml(), "", names, conditions, problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(Object node, String at, Set<String> names, Set<String> conditions, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String key = String.valueOf(k);
                switch (key) {
                    case "Ref" -> {
                        // SAM's "!Ref MyFunction.Version" names the version its AutoPublishAlias publishes
                        if (v instanceof String s && !names.contains(s.endsWith(".Version") ? s.substring(0, s.length() - 8) : s)) {
                            problems.add(at + ": !Ref " + s);
                        }
                    }
                    case "Fn::GetAtt" -> {
                        String target = String.valueOf(list(v).isEmpty() ? v : list(v).get(0));
                        if (!T.resources().containsKey(target)) {
                            problems.add(at + ": !GetAtt " + target);
                        }
                    }
                    case "Fn::Sub" -> {
                        String text = v instanceof String s ? s : String.valueOf(list(v).get(0));
                        Set<String> local = v instanceof List<?> l && l.size() > 1 ? map(l.get(1)).keySet() : Set.of();
                        Matcher vars = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
                        while (vars.find()) {
                            String name = vars.group(1);
                            if (name.startsWith("!")) {
                                continue;
                            }
                            String target = name.contains(".") && !name.startsWith("AWS::") ? name.substring(0, name.indexOf('.')) : name;
                            if (!names.contains(target) && !local.contains(target)) {
                                problems.add(at + ": !Sub ${" + name + "}");
                            }
                        }
                    }
                    case "Fn::If" -> {
                        String condition = String.valueOf(list(v).get(0));
                        if (!conditions.contains(condition)) {
                            problems.add(at + ": !If " + condition);
                        }
                    }
                    case "Condition" -> {
                        if (v instanceof String s && !conditions.contains(s)) {
                            problems.add(at + ": Condition " + s);
                        }
                    }
                    default -> {
                    }
                }
                walk(v, at + "/" + key, names, conditions, problems);
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), at + "/" + i, names, conditions, problems);
            }
        }
    }

    @Test
    void queuesShouldRedriveToTheirDeadLetterQueues_andOutlastTheirConsumers() {
        Map<String, Object> consumers = new HashMap<>();
        for (String id : functions()) {
            for (Object event : map(T.properties(id).get("Events")).values()) {
                if ("SQS".equals(map(event).get("Type"))) {
                    Map<String, Object> props = map(map(event).get("Properties"));
                    String queue = String.valueOf(list(map(props.get("Queue")).get("Fn::GetAtt")).get(0));
                    consumers.put(queue, id);
                    assertThat(list(props.get("FunctionResponseTypes"))).as(id + " partial batch failures").contains("ReportBatchItemFailures");
                    Object max = map(props.get("ScalingConfig")).get("MaximumConcurrency");
                    assertThat(max).as(id + " MaximumConcurrency").isInstanceOf(Number.class);
                    assertThat(((Number) max).intValue()).isBetween(2, 1000);
                }
            }
        }
        assertThat(consumers).containsOnlyKeys("InvoiceQueue", "EmailQueue", "RemittanceQueue");
        consumers.forEach((queue, function) -> {
            Map<String, Object> props = T.properties(queue);
            Map<String, Object> redrive = map(props.get("RedrivePolicy"));
            String dlq = String.valueOf(list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0));
            assertThat(dlq).as(queue + " dead-letter queue").isEqualTo(queue.replace("Queue", "DeadLetterQueue"));
            assertThat(T.resource(dlq).get("Type")).isEqualTo("AWS::SQS::Queue");
            assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).as(queue + " maxReceiveCount").isBetween(2, 10);
            int visibility = ((Number) props.get("VisibilityTimeout")).intValue();
            assertThat(visibility).as(queue + " visibility ≥ 6 × " + function + " timeout").isGreaterThanOrEqualTo(6 * T.timeout((String) function));
            assertThat(((Number) T.properties(dlq).get("MessageRetentionPeriod")).intValue())
                    .as(dlq + " keeps messages longer than " + queue).isGreaterThan(((Number) props.get("MessageRetentionPeriod")).intValue());
            assertThat(T.ofType("AWS::CloudWatch::Alarm")).as("an alarm on " + dlq + " depth").anyMatch(alarm ->
                    list(T.properties(alarm).get("Dimensions")).stream().anyMatch(d ->
                            list(map(map(d).get("Value")).get("Fn::GetAtt")).contains(dlq)));
        });
        assertThat(map(T.environment("CsvImportFunction").get("INVOICE_QUEUE_URL"))).containsEntry("Ref", "InvoiceQueue");
        assertThat(map(T.environment("InvoiceFunction").get("EMAIL_QUEUE_URL"))).containsEntry("Ref", "EmailQueue");
    }

    @Test
    void theRepairShouldRunOnASchedule_reachWhatItRepairs_andCountEveryDeadLetterQueue() {
        Map<String, Object> event = map(map(T.properties("RepairFunction").get("Events")).values().iterator().next());
        assertThat(event.get("Type")).isEqualTo("Schedule");
        assertThat(map(map(event.get("Properties")).get("Schedule"))).containsEntry("Ref", "RepairSchedule");
        assertThat(map(T.section("Parameters").get("RepairSchedule")).get("Default")).isEqualTo("rate(5 minutes)");
        Map<String, Object> env = T.environment("RepairFunction");
        assertThat(map(env.get("IMPORT_FUNCTION_NAME"))).containsEntry("Ref", "CsvImportFunction");
        assertThat(map(env.get("INVOICE_QUEUE_URL"))).containsEntry("Ref", "InvoiceQueue");
        assertThat(map(env.get("EMAIL_QUEUE_URL"))).containsEntry("Ref", "EmailQueue");
        List<String> dlqs = T.ofType("AWS::SQS::Queue").stream().filter(q -> q.endsWith("DeadLetterQueue")).toList();
        assertThat(dlqs).isNotEmpty().allSatisfy(dlq -> assertThat(env.values()).as("RepairFunction counts " + dlq)
                .contains(Map.of("Ref", dlq)));
        String policies = String.valueOf(T.properties("RepairFunction").get("Policies"));
        assertThat(policies).contains("LambdaInvokePolicy={FunctionName={Ref=CsvImportFunction}}", "sqs:GetQueueAttributes");
    }

    @Test
    void everyAlarmShouldNotifyATopic_theGivenOneOrTheOneTheStackCreates() {
        assertThat(T.resource("AlarmTopic").get("Type")).isEqualTo("AWS::SNS::Topic");
        assertThat(T.resource("AlarmTopic").get("Condition")).isEqualTo("CreateAlarmTopic");
        Object topic = List.of(Map.of("Fn::If", List.of("WithAlarmTopic", Map.of("Ref", "AlarmTopicArn"), Map.of("Ref", "AlarmTopic"))));
        assertThat(T.ofType("AWS::CloudWatch::Alarm")).hasSizeGreaterThanOrEqualTo(5).allSatisfy(alarm ->
                assertThat(T.properties(alarm).get("AlarmActions")).as(alarm + " AlarmActions").isEqualTo(topic));
    }

    @Test
    void theBucketShouldBePrivateEncryptedTlsOnlyExpiring_andNotifyTheImport() {
        Map<String, Object> bucket = T.properties("UploadsBucket");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration")).values()).hasSize(4).containsOnly(true);
        assertThat(bucket).containsKey("BucketEncryption");
        List<String> expiring = list(map(bucket.get("LifecycleConfiguration")).get("Rules")).stream()
                .map(r -> String.valueOf(map(r).get("Prefix"))).toList();
        assertThat(expiring).containsExactlyInAnyOrder("uploads/", "reports/", "invoices/");
        assertThat(list(map(bucket.get("LifecycleConfiguration")).get("Rules"))).allSatisfy(r ->
                assertThat(map(map(r).get("ExpirationInDays"))).containsKey("Ref"));
        Map<String, Object> policy = T.properties("UploadsBucketPolicy");
        assertThat(String.valueOf(policy)).contains("aws:SecureTransport=false").contains("Effect=Deny");

        Map<String, Object> s3Event = map(map(T.properties("CsvImportFunction").get("Events")).values().iterator().next());
        Map<String, Object> props = map(s3Event.get("Properties"));
        assertThat(s3Event.get("Type")).isEqualTo("S3");
        assertThat(map(props.get("Bucket"))).containsEntry("Ref", "UploadsBucket");
        assertThat(String.valueOf(props.get("Events"))).contains("s3:ObjectCreated:*");
        assertThat(String.valueOf(props.get("Filter"))).contains("Value=uploads/");
        // the literal bucket name the functions get must be the bucket's own name
        assertThat(T.environment("ApiFunction").get("BUCKET_NAME")).isEqualTo(bucket.get("BucketName"));
    }

    @Test
    void theBankLoopShouldBeWired_retornosOnReturns_remessasOnASchedule_eachFunctionOnItsOwnPrefixes() {
        Map<String, Object> retorno = map(map(T.properties("BankReturnFunction").get("Events")).values().iterator().next());
        assertThat(retorno.get("Type")).isEqualTo("S3");
        Map<String, Object> props = map(retorno.get("Properties"));
        assertThat(map(props.get("Bucket"))).containsEntry("Ref", "UploadsBucket");
        assertThat(String.valueOf(props.get("Filter"))).contains("Value=returns/");
        assertThat(T.properties("BankReturnFunction")).containsKey("DeadLetterQueue");

        Map<String, Object> rule = T.properties("RemittanceScheduleRule");
        assertThat(map(rule.get("ScheduleExpression"))).containsEntry("Ref", "RemittanceSchedule");
        Map<String, Object> target = map(list(rule.get("Targets")).getFirst());
        assertThat(list(map(target.get("Arn")).get("Fn::GetAtt"))).containsExactly("RemittanceQueue", "Arn");
        // the rule's message is one the remittance function reads
        dev.cobranca.core.message.MessageCodec.decode((String) target.get("Input"), dev.cobranca.core.message.RemittanceRequested.class);
        assertThat(String.valueOf(T.properties("RemittanceQueuePolicy"))).contains("events.amazonaws.com");
        assertThat(map(T.environment("InvoiceFunction").get("REMITTANCE_QUEUE_URL"))).containsEntry("Ref", "RemittanceQueue");

        String remittancePolicies = String.valueOf(T.properties("RemittanceFunction").get("Policies"));
        assertThat(remittancePolicies).contains("/remittances/*").doesNotContain("S3Crud").doesNotContain("/returns/");
        String returnPolicies = String.valueOf(T.properties("BankReturnFunction").get("Policies"));
        assertThat(returnPolicies).contains("/returns/*").contains("/reports/returns/*").doesNotContain("S3Crud");
    }

    @Test
    void theApiShouldServeItsRoutes_withSnapStart() {
        Map<String, Object> api = T.properties("ApiFunction");
        assertThat(map(api.get("SnapStart"))).containsEntry("ApplyOn", "PublishedVersions");
        assertThat(api).containsKey("AutoPublishAlias");
        Set<String> routes = new TreeSet<>();
        for (Object event : map(api.get("Events")).values()) {
            Map<String, Object> props = map(map(event).get("Properties"));
            routes.add(props.get("Method") + " " + props.get("Path"));
            assertThat(map(props.get("ApiId"))).containsEntry("Ref", "HttpApi");
        }
        assertThat(routes).isEqualTo(new TreeSet<>(new dev.cobranca.api.ApiRoutes(null).router().routeKeys()));
        assertThat(T.timeout("ApiFunction")).as("under API Gateway's 30 s").isLessThan(30);
    }

    /**
     * No anonymous door: the HTTP API has a JWT authorizer by default whatever the parameters (no Fn::If around Auth),
     * every route has the scope the function checks, and the one route without a token is the webhook, which the
     * function refuses unless it is signed.
     */
    @Test
    void noRouteShouldBeAnonymous() {
        Map<String, Object> auth = map(T.properties("HttpApi").get("Auth"));
        assertThat(auth.get("DefaultAuthorizer")).as("HttpApi DefaultAuthorizer (a plain value, not an intrinsic)").isEqualTo("JwtAuthorizer");
        Map<String, Object> jwt = map(map(map(auth.get("Authorizers")).get("JwtAuthorizer")).get("JwtConfiguration"));
        assertThat(jwt).containsKeys("issuer", "audience");
        assertThat(String.valueOf(jwt.get("issuer"))).contains("cognito-idp").contains("JwtIssuer");

        Map<String, String> scopes = new java.util.TreeMap<>();
        Set<String> unguarded = new TreeSet<>();
        for (String id : functions()) {
            for (Object event : map(T.properties(id).get("Events")).values()) {
                if (!"HttpApi".equals(map(event).get("Type"))) {
                    continue;
                }
                Map<String, Object> props = map(map(event).get("Properties"));
                String route = props.get("Method") + " " + props.get("Path");
                Map<String, Object> routeAuth = map(props.get("Auth"));
                if ("NONE".equals(routeAuth.get("Authorizer"))) {
                    unguarded.add(route);
                    continue;
                }
                assertThat(routeAuth.get("Authorizer")).as(route + " authorizer").isIn(null, "JwtAuthorizer");
                List<Object> routeScopes = list(routeAuth.get("AuthorizationScopes"));
                assertThat(routeScopes).as(route + " AuthorizationScopes").hasSize(1);
                scopes.put(route, String.valueOf(routeScopes.getFirst()));
            }
        }
        assertThat(scopes).isEqualTo(new java.util.TreeMap<>(dev.cobranca.api.ApiRoutes.SCOPES));
        assertThat(unguarded).containsExactly(dev.cobranca.api.ApiRoutes.SIGNED_ROUTE);
        // the signed route's key comes from the template's own secret, and the function cannot start without one
        assertThat(map(T.environment("ApiFunction").get("WEBHOOK_SECRET_ARN"))).containsEntry("Ref", "WebhookSecret");
        assertThat(T.resource("WebhookSecret").get("Type")).isEqualTo("AWS::SecretsManager::Secret");
        assertThat(String.valueOf(T.properties("ApiFunction").get("Policies"))).contains("SecretArn={Ref=WebhookSecret}");

        // the scopes the Cognito client may ask for are exactly the routes' scopes
        assertThat(new TreeSet<>(list(T.properties("ApiClient").get("AllowedOAuthScopes")).stream().map(String::valueOf).toList()))
                .isEqualTo(new TreeSet<>(dev.cobranca.api.ApiRoutes.SCOPES.values()));
        assertThat(list(T.properties("ApiClient").get("AllowedOAuthFlows"))).containsExactly("client_credentials");
    }

    /** Each function reaches only its own prefixes of the bucket; none may delete, none has the whole bucket. */
    @Test
    void s3PoliciesShouldCoverOnlyEachFunctionsPrefixes() {
        Map<String, Set<String>> expected = Map.of(
                "ApiFunction", Set.of("s3:PutObject uploads/*", "s3:GetObject reports/*", "s3:GetObject invoices/*"),
                "CsvImportFunction", Set.of("s3:GetObject uploads/*", "s3:PutObject reports/*", "s3:ListBucket "),
                "InvoiceFunction", Set.of("s3:PutObject invoices/*"),
                "EmailFunction", Set.of("s3:GetObject invoices/*", "s3:ListBucket "),
                "RepairFunction", Set.of("s3:GetObject uploads/*", "s3:ListBucket "));
        for (String id : functions()) {
            Set<String> granted = new TreeSet<>();
            for (Object policy : list(T.properties(id).get("Policies"))) {
                Map<String, Object> p = map(policy);
                assertThat(p.keySet()).as(id + " policy templates").noneMatch(k -> k.startsWith("S3"));
                for (Object statement : list(p.get("Statement"))) {
                    Map<String, Object> s = map(statement);
                    if (!String.valueOf(s.get("Action")).contains("s3:")) {
                        continue; // another service's grant (SQS, Lambda): not this test's concern
                    }
                    List<Object> resources = s.get("Resource") instanceof List<?> l ? new ArrayList<>(l) : List.of(s.get("Resource"));
                    for (Object resource : resources) {
                        String arn = String.valueOf(map(resource).get("Fn::Sub"));
                        assertThat(arn).as(id).startsWith("arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-uploads");
                        String suffix = arn.substring(arn.indexOf("-uploads") + "-uploads".length());
                        granted.add(s.get("Action") + " " + (suffix.isEmpty() ? "" : suffix.substring(1)));
                    }
                }
            }
            if (expected.containsKey(id)) {
                assertThat(granted).as(id + " S3 grants").isEqualTo(new TreeSet<>(expected.get(id)));
            }
            assertThat(granted).as(id).noneMatch(g -> g.contains("Delete") || g.contains("s3:*") || g.endsWith(" *"));
        }
    }

    @Test
    void theDatabaseShouldBeReachedOverVerifiedTls_withLimits() {
        Map<String, Object> env = T.environment("ApiFunction");
        assertThat(env.get("DATABASE_SSL_MODE")).isEqualTo("verify-full");
        assertThat(String.valueOf(env.get("DATABASE_SSL_ROOT_CERT"))).contains("classpath:rds-ca/global-bundle.pem").contains("WithRdsProxy");
        assertThat(T.environment("ApiFunction")).containsKey("DATABASE_STATEMENT_TIMEOUT_MS");
        assertThat(map(T.properties("ApiFunction").get("ReservedConcurrentExecutions"))).containsEntry("Ref", "ApiReservedConcurrency");
        // the VPC only with both subnets and security groups
        assertThat(String.valueOf(T.section("Conditions").get("InVpc"))).contains("HasSubnets").contains("HasSecurityGroups");
        assertThat(T.resource("DatabaseProxy")).containsEntry("Condition", "WithRdsProxy");
        assertThat(map(T.properties("DatabaseProxy"))).containsEntry("RequireTLS", true);
    }

    @Test
    void everySampleEventShouldDeserialiseIntoItsFunctionsEventType() throws IOException {
        int checked = 0;
        for (String id : functions()) {
            Class<?> type = eventType(id);
            Path dir = T.root().resolve("events/" + T.module(id));
            if (!Files.isDirectory(dir)) {
                System.out.println("no sample events for " + id + " yet (" + dir.getFileName() + ")");
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            for (Path file : files) {
                Object event;
                try {
                    event = LambdaEvents.load(T.module(id) + "/" + file.getFileName(), type);
                } catch (RuntimeException e) {
                    throw new AssertionError(file + " is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
                }
                switch (event) {
                    case APIGatewayV2HTTPEvent e -> {
                        assertThat(e.getVersion()).as(file.toString()).isEqualTo("2.0");
                        assertThat(e.getRequestContext().getHttp().getMethod()).as(file.toString()).isNotBlank();
                        assertThat(e.getRawPath()).as(file.toString()).startsWith("/");
                    }
                    case SQSEvent e -> assertThat(e.getRecords()).as(file.toString()).isNotEmpty()
                            .allSatisfy(r -> assertThat(r.getBody()).isNotNull());
                    case S3Event e -> assertThat(e.getRecords()).as(file.toString()).isNotEmpty()
                            .allSatisfy(r -> assertThat(r.getS3().getObject().getKey()).isNotBlank());
                    case com.amazonaws.services.lambda.runtime.events.ScheduledEvent e -> {
                        assertThat(e.getDetailType()).as(file.toString()).isEqualTo("Scheduled Event");
                        assertThat(e.getSource()).as(file.toString()).isEqualTo("aws.events");
                    }
                    case CloudFormationCustomResourceEvent e -> {
                        assertThat(e.getRequestType()).as(file.toString()).isIn("Create", "Update", "Delete");
                        assertThat(e.getResponseUrl()).as(file.toString()).isNotBlank();
                    }
                    default -> fail("unexpected " + event);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }
}
