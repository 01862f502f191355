package dev.cobranca.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The SQS event JSON Lambda's event-source mapping hands a function, built from a batch received from the queue. */
public final class SqsEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    /** An SQS event for a batch received from the queue. */
    public static String of(List<Message> messages, String queueArn, String region) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = r.putObject("messageAttributes");
            for (Map.Entry<String, MessageAttributeValue> e : m.messageAttributes().entrySet()) {
                MessageAttributeValue v = e.getValue();
                ObjectNode a = messageAttributes.putObject(e.getKey());
                if (v.stringValue() != null) {
                    a.put("stringValue", v.stringValue());
                }
                if (v.binaryValue() != null) {
                    a.put("binaryValue", Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
                }
                ArrayNode strings = a.putArray("stringListValues");
                v.stringListValues().forEach(strings::add);
                a.putArray("binaryListValues");
                a.put("dataType", v.dataType());
            }
            r.put("md5OfBody", m.md5OfBody());
            if (m.md5OfMessageAttributes() != null) {
                r.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
            }
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", region);
        }
        return root.toString();
    }
}
