package dev.cobranca.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.port.MessagePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * How the publisher drives SendMessageBatch: calls in parallel but bounded, failed entries sent again, what still
 * failed reported by index. SQS's answers are scripted here (an emulator never fails an entry); the csv-import and
 * invoice ITs send through ElasticMQ for real.
 */
class SqsMessagePublisherSendTest {

    private static final String QUEUE = "https://sqs.example/queue";
    private static final List<String> BODIES = IntStream.range(0, 95).mapToObj(i -> "m" + i).toList();

    @Test
    void shouldSendEveryBody_inBatchesOfTen_withAtMostTheParallelCallsInFlight() {
        ScriptedSqs sqs = new ScriptedSqs(body -> false, false);

        new SqsMessagePublisher(sqs, QUEUE, 3).publish(BODIES);

        assertThat(sqs.received).containsExactlyInAnyOrderElementsOf(BODIES);
        assertThat(sqs.calls.get()).isEqualTo(10);
        assertThat(sqs.maxInFlight.get()).isBetween(2, 3);
    }

    @Test
    void shouldSendFailedEntriesAgain_untilSqsTakesThem() {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        ScriptedSqs sqs = new ScriptedSqs(body -> body.endsWith("7") && failedOnce.add(body), false);

        new SqsMessagePublisher(sqs, QUEUE, 4).publish(BODIES);

        assertThat(sqs.received).containsExactlyInAnyOrderElementsOf(BODIES);
        assertThat(failedOnce).hasSize(9);
    }

    @Test
    void shouldReportWhichBodiesWereNotSent_afterSendingTheOthers() {
        ScriptedSqs sqs = new ScriptedSqs(body -> body.equals("m12") || body.equals("m80"), false);

        assertThatThrownBy(() -> new SqsMessagePublisher(sqs, QUEUE, 4).publish(BODIES))
                .isInstanceOfSatisfying(MessagePublisher.NotSentException.class,
                        e -> assertThat(e.indexes()).containsExactly(12, 80))
                .hasMessageContaining("SQS refused 2 message(s) for " + QUEUE).hasMessageContaining("InternalError");
        assertThat(sqs.received).hasSize(93).doesNotContain("m12", "m80");
    }

    @Test
    void shouldNotRetry_aSenderFault() {
        ScriptedSqs sqs = new ScriptedSqs(body -> body.equals("m3"), true);

        assertThatThrownBy(() -> new SqsMessagePublisher(sqs, QUEUE, 1).publish(BODIES.subList(0, 10)))
                .isInstanceOfSatisfying(MessagePublisher.NotSentException.class,
                        e -> assertThat(e.indexes()).containsExactly(3));
        assertThat(sqs.calls.get()).isEqualTo(1);
    }

    /** Takes every entry but those {@code fails} picks, which it reports failed; counts calls in flight. */
    private static final class ScriptedSqs implements SqsClient {

        final List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final Predicate<String> fails;
        private final boolean senderFault;

        ScriptedSqs(Predicate<String> fails, boolean senderFault) {
            this.fails = fails;
            this.senderFault = senderFault;
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            calls.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // a round trip, so that calls overlap
                List<SendMessageBatchResultEntry> ok = new ArrayList<>();
                List<BatchResultErrorEntry> failed = new ArrayList<>();
                for (SendMessageBatchRequestEntry entry : request.entries()) {
                    if (fails.test(entry.messageBody())) {
                        failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                                .message("try again").senderFault(senderFault).build());
                    } else {
                        received.add(entry.messageBody());
                        ok.add(SendMessageBatchResultEntry.builder().id(entry.id()).messageId("id-" + entry.id()).build());
                    }
                }
                return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
