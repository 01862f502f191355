package dev.cobranca.repair.adapter;

import dev.cobranca.repair.DeadLetters;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link DeadLetters} by GetQueueAttributes: visible plus in-flight messages (someone may be reading the queue to
 * redrive it; those are still not repaired).
 */
public final class SqsDeadLetters implements DeadLetters {

    private final SqsClient sqs;
    private final Map<String, String> queueUrls;

    public SqsDeadLetters(SqsClient sqs, Map<String, String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = Map.copyOf(queueUrls);
    }

    @Override
    public Map<String, Long> depths() {
        Map<String, Long> out = new LinkedHashMap<>();
        queueUrls.forEach((name, url) -> {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            out.put(name, number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
        });
        return out;
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
