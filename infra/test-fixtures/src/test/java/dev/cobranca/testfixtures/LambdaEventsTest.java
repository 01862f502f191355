package dev.cobranca.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

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

    @Test
    void shouldSayWhichEventIsMissing() {
        assertThatThrownBy(() -> LambdaEvents.json("invoice/none.json")).hasMessageContaining("events/invoice/none.json");
    }
}
