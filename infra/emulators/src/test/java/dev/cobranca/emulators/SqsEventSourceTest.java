package dev.cobranca.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsEventSourceTest {

    private static final List<Message> BATCH = List.of(
            Message.builder().messageId("m1").build(), Message.builder().messageId("m2").build());

    @Test
    void shouldReadFailedIds_fromBatchItemFailures() {
        assertThat(SqsEventSource.failedIds("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", BATCH))
                .containsExactly("m2");
    }

    @Test
    void shouldTreatEmptyOrNullResponse_asAllSucceeded() {
        assertThat(SqsEventSource.failedIds("{\"batchItemFailures\":[]}", BATCH)).isEmpty();
        assertThat(SqsEventSource.failedIds("null", BATCH)).isEmpty();
    }

    @Test
    void shouldTreatUnknownOrMissingIdentifier_asWholeBatchFailed() {
        assertThat(SqsEventSource.failedIds("{\"batchItemFailures\":[{\"itemIdentifier\":\"other\"}]}", BATCH)).isNull();
        assertThat(SqsEventSource.failedIds("{\"batchItemFailures\":[{}]}", BATCH)).isNull();
        assertThat(SqsEventSource.failedIds("not json", BATCH)).isNull();
    }
}
