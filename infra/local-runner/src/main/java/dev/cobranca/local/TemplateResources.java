package dev.cobranca.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.emulators.SqsEmulator;
import dev.cobranca.local.template.Intrinsics;
import dev.cobranca.local.template.Template;
import dev.cobranca.local.template.TemplateException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The template's buckets and queues as they exist on the emulators, and the intrinsic functions (Ref, GetAtt, Sub...)
 * evaluated against them: a queue is created the first time something refers to it.
 */
final class TemplateResources {

    private final Template template;
    private final SqsEmulator sqs;
    private final Integer visibilityTimeout;
    private final Intrinsics intrinsics;
    private final Map<String, String> bucketNames = new LinkedHashMap<>();
    private final Map<String, Stack.QueueInfo> queues = new LinkedHashMap<>();
    private final Deque<String> creating = new ArrayDeque<>();

    /** @param visibilityTimeout replaces every queue's VisibilityTimeout (seconds) when not null */
    TemplateResources(Template template, SqsEmulator sqs, Integer visibilityTimeout) {
        this.template = template;
        this.sqs = sqs;
        this.visibilityTimeout = visibilityTimeout;
        this.intrinsics = new Intrinsics(template, Intrinsics.localPseudoParameters(Stack.STACK_NAME, Stack.REGION),
                Map.of(), new LocalResources());
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    /** Bucket names by logical id, in the order they were first named. */
    Map<String, String> bucketNames() {
        return bucketNames;
    }

    /** Queues by logical id, in the order they were created. */
    Map<String, Stack.QueueInfo> queues() {
        return queues;
    }

    /** The bucket's BucketName, else one made of the stack's name and its logical id (as CloudFormation would). */
    String bucketName(String logicalId) {
        return bucketNames.computeIfAbsent(logicalId, id -> {
            Template.Bucket bucket = template.buckets().stream().filter(b -> b.logicalId().equals(id)).findFirst()
                    .orElseThrow(() -> new TemplateException(id + " is not an AWS::S3::Bucket of the template"));
            String name = bucket.bucketName() == null ? null : intrinsics.string(bucket.bucketName(), id + ".BucketName");
            return name == null ? (Stack.STACK_NAME + "-" + id).toLowerCase(Locale.ROOT) : name;
        });
    }

    /** Creates the queue (and first the dead-letter queue its redrive policy names). */
    Stack.QueueInfo queue(String logicalId) {
        Stack.QueueInfo known = queues.get(logicalId);
        if (known != null) {
            return known;
        }
        if (creating.contains(logicalId)) {
            throw new TemplateException("queues refer to each other in a cycle: " + creating);
        }
        creating.push(logicalId);
        try {
            Template.Queue q = template.queues().stream().filter(x -> x.logicalId().equals(logicalId)).findFirst()
                    .orElseThrow(() -> new TemplateException(logicalId + " is not an AWS::SQS::Queue of the template"));
            Map<String, Object> props = q.properties();
            String where = logicalId + ".Properties";
            String name = props.get("QueueName") == null ? logicalId : intrinsics.string(props.get("QueueName"), where + ".QueueName");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String attribute : List.of("DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
                    "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue", "ContentBasedDeduplication")) {
                if (props.get(attribute) != null) {
                    String value = intrinsics.string(props.get(attribute), where + "." + attribute);
                    if (value != null) {
                        attributes.put(attribute, value);
                    }
                }
            }
            if (visibilityTimeout != null) {
                attributes.put("VisibilityTimeout", Integer.toString(visibilityTimeout));
            }
            if (props.get("RedrivePolicy") != null) {
                Object policy = intrinsics.resolve(props.get("RedrivePolicy"), where + ".RedrivePolicy");
                attributes.put("RedrivePolicy", policy instanceof String s ? s : json(policy));
            }
            String url = sqs.createQueue(name, attributes);
            Stack.QueueInfo info = new Stack.QueueInfo(logicalId, name, url, sqs.queueArn(url));
            queues.put(logicalId, info);
            return info;
        } finally {
            creating.pop();
        }
    }

    /** A resolved template value that is a map or a list, written as the JSON string AWS would pass on. */
    static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write " + value + " as JSON");
        }
    }

    /** Ref / GetAtt of the template's resources, as they exist on the emulators. */
    private final class LocalResources implements Intrinsics.Resources {
        @Override
        public String ref(String logicalId) {
            String type = template.resourceType(logicalId);
            if (type == null) {
                return null;
            }
            return switch (type) {
                case "AWS::S3::Bucket" -> bucketName(logicalId);
                case "AWS::SQS::Queue" -> queue(logicalId).url();
                default -> logicalId;
            };
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            String type = template.resourceType(logicalId);
            if ("AWS::SQS::Queue".equals(type)) {
                Stack.QueueInfo q = queue(logicalId);
                return switch (attribute) {
                    case "Arn" -> q.arn();
                    case "QueueName" -> q.name();
                    case "QueueUrl" -> q.url();
                    default -> null;
                };
            }
            if ("AWS::S3::Bucket".equals(type)) {
                String name = bucketName(logicalId);
                return switch (attribute) {
                    case "Arn" -> "arn:aws:s3:::" + name;
                    case "DomainName", "RegionalDomainName" -> name + ".s3.amazonaws.com";
                    default -> null;
                };
            }
            if ("AWS::Serverless::Function".equals(type) && attribute.equals("Arn")) {
                return "arn:aws:lambda:" + Stack.REGION + ":000000000000:function:" + logicalId;
            }
            return null;
        }
    }
}
