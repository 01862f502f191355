package dev.cobranca.testfixtures;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Waiting on real queues (ElasticMQ): the end of a pipeline is every queue empty, nothing in flight. */
public final class Queues {

    private Queues() {
    }

    /** Waits until the queues hold nothing visible, in flight or delayed; fails the test after {@code timeout}. */
    public static void awaitEmpty(SqsClient sqs, Duration timeout, String... queueUrls) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Map<String, String>> last = new LinkedHashMap<>();
        while (true) {
            last.clear();
            for (String url : queueUrls) {
                last.put(url, sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings());
            }
            if (last.values().stream().allMatch(a -> a.values().stream().allMatch("0"::equals))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("queues not empty within " + timeout + ": " + last);
            }
            Thread.sleep(100);
        }
    }
}
