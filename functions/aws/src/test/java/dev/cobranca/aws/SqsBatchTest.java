package dev.cobranca.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    private static SQSEvent event(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setReceiptHandle("rh" + i);
            m.setBody(bodies[i]);
            m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(i + 1)));
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void shouldReportOnlyTheFailedRecord_andGoOn() {
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = SqsBatch.process(event("ok", "bad", "ok"), body -> {
            handled.add(body);
            if (body.equals("bad")) {
                throw new IllegalStateException("bad");
            }
        });

        assertThat(failed(response)).containsExactly("m1");
        assertThat(handled).hasSize(3);
    }

    @Test
    void shouldHandBackTheRecordThatStopped_andEveryOneAfter_withTheDelayForTheirReceiveCount() {
        List<MessageVisibility.Change> changes = new ArrayList<>();
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = SqsBatch.process(event("ok", "stop", "never", "never"), body -> {
            handled.add(body);
            if (body.equals("stop")) {
                throw new SqsBatch.StopBatch("throttled", null, receiveCount -> 10 * receiveCount);
            }
        }, changes::addAll);

        assertThat(handled).containsExactly("ok", "stop");
        assertThat(failed(response)).containsExactly("m1", "m2", "m3");
        assertThat(changes).containsExactly(new MessageVisibility.Change("m1", "rh1", 20),
                new MessageVisibility.Change("m2", "rh2", 30), new MessageVisibility.Change("m3", "rh3", 40));
    }

    @Test
    void shouldStillReportTheRecords_whenChangingTheirVisibilityFails() {
        SQSBatchResponse response = SqsBatch.process(event("stop", "never"), body -> {
            throw new SqsBatch.StopBatch("out of time", null, n -> 0);
        }, changes -> {
            throw new IllegalStateException("SQS unavailable");
        });

        assertThat(failed(response)).containsExactly("m0", "m1");
    }
}
