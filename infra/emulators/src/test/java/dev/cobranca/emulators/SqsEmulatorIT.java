package dev.cobranca.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsEmulatorIT {

    private static SqsEmulator sqs;

    @BeforeAll
    static void start() {
        sqs = SqsEmulator.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void shouldDeliverSentMessages() {
        String url = sqs.createQueue("plain-" + System.nanoTime(), Map.of());
        SqsClient client = sqs.client();

        client.sendMessage(b -> b.queueUrl(url).messageBody("{\"debtIds\":[\"d1\"]}"));
        List<Message> received = client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2).maxNumberOfMessages(10)).messages();

        assertThat(url).contains(":" + sqs.port() + "/");
        assertThat(received).extracting(Message::body).containsExactly("{\"debtIds\":[\"d1\"]}");
    }

    @Test
    void shouldMoveMessageToDeadLetterQueue_afterMaxReceiveCount() {
        String dlq = sqs.createQueue("work-dlq-" + System.nanoTime());
        String queue = sqs.createQueue("work-" + System.nanoTime(), Map.of(
                "VisibilityTimeout", "1",
                "RedrivePolicy", sqs.redrivePolicy(dlq, 2)));
        SqsClient client = sqs.client();
        client.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));

        // received twice and never deleted (a failing consumer); the third receive finds it gone
        for (int i = 0; i < 2; i++) {
            List<Message> got = client.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
            assertThat(got).extracting(Message::body).containsExactly("poison");
        }
        List<Message> third = client.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(2)).messages();
        List<Message> dead = client.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(5)).messages();

        assertThat(third).isEmpty();
        assertThat(dead).extracting(Message::body).containsExactly("poison");
    }
}
