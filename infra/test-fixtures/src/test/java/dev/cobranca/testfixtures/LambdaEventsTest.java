package dev.cobranca.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The repository's events/ files, as the Lambda runtime reads them. */
class LambdaEventsTest {

    @Test
    void shouldReadAnS3Event_withItsKeyAndRecordTime() {
        S3Event event = LambdaEvents.load("csv-import/s3-object-created.json", S3Event.class);

        var record = event.getRecords().getFirst();
        assertThat(record.getS3().getObject().getKey()).startsWith("uploads/");
        assertThat(record.getEventTime()).as("Lambda's serializer reads the date").isNotNull();
    }

    @Test
    void shouldReadAnSqsEvent_withEachRecordsIdAndBody() {
        SQSEvent event = LambdaEvents.load("invoice/sqs-invoice-requested.json", SQSEvent.class);

        assertThat(event.getRecords()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getMessageId()).isNotBlank();
            assertThat(r.getBody()).contains("debtIds");
        });
    }

    @Test
    void shouldDriveAHandler_throughJson_asTheRuntimeDoes() {
        var invoke = LambdaEvents.asJson((SQSEvent e, com.amazonaws.services.lambda.runtime.Context c) ->
                        SQSBatchResponse.builder().withBatchItemFailures(e.getRecords().stream()
                                .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId())).toList()).build(),
                SQSEvent.class, SQSBatchResponse.class);

        String response = invoke.apply(LambdaEvents.json("invoice/sqs-invoice-requested.json"));

        assertThat(response).contains("batchItemFailures").contains("itemIdentifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice/sqs-invoice-requested.json", "email/sqs-email-requested.json"})
    void sampleIds_shouldBeTheOnesTheSampleSqsEventsCarry(String name) {
        List<EmailRequested> bodies = LambdaEvents.load(name, SQSEvent.class).getRecords().stream()
                .map(r -> MessageCodec.decode(r.getBody(), EmailRequested.class)).toList();

        assertThat(bodies).extracting(EmailRequested::uploadId).containsOnly(LambdaEvents.SAMPLE_UPLOAD_ID);
        assertThat(bodies).flatExtracting(EmailRequested::debtIds).containsExactlyElementsOf(LambdaEvents.SAMPLE_DEBT_IDS);
    }

    @Test
    void shouldSayWhichEventIsMissing() {
        assertThatThrownBy(() -> LambdaEvents.json("invoice/none.json")).hasMessageContaining("events/invoice/none.json");
    }
}
