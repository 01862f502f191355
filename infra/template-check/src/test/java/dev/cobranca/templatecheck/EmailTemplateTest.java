package dev.cobranca.templatecheck;

import static dev.cobranca.templatecheck.Template.list;
import static dev.cobranca.templatecheck.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.email.EmailMetrics;
import dev.cobranca.email.RedeliveryDelays;
import dev.cobranca.email.SendingStopped;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The e-mail function's back-off and alarm, held against the code that relies on them. */
class EmailTemplateTest {

    private static final Template T = TemplateTest.T;

    @Test
    void throttledMessagesShouldOutlastAnHour_beforeTheQueueCouldDeadLetterThem() {
        Map<String, Object> env = T.environment("EmailFunction");
        assertThat(map(env.get("EMAIL_QUEUE_URL"))).as("the queue to back messages off on").containsEntry("Ref", "EmailQueue");
        int maxReceiveCount = ((Number) map(T.properties("EmailQueue").get("RedrivePolicy")).get("maxReceiveCount")).intValue();
        long seconds = 0;
        for (int n = 1; n <= maxReceiveCount; n++) {
            seconds += RedeliveryDelays.DEFAULT.seconds(SendingStopped.Reason.THROTTLED, n);
        }
        assertThat(seconds).as("back-off over EmailQueue's maxReceiveCount receives").isGreaterThan(3600);

        List<Object> statements = list(T.properties("EmailFunction").get("Policies")).stream()
                .filter(p -> p instanceof Map<?, ?> m && m.containsKey("Statement"))
                .flatMap(p -> list(map(p).get("Statement")).stream()).toList();
        assertThat(statements).as("EmailFunction may change the visibility of EmailQueue's messages").anyMatch(s ->
                "sqs:ChangeMessageVisibility".equals(map(s).get("Action"))
                        && list(map(map(s).get("Resource")).get("Fn::GetAtt")).contains("EmailQueue"));
    }

    @Test
    void theTimeMarginShouldLeaveMostOfTheTimeoutForSending() {
        Object margin = T.environment("EmailFunction").get("EMAIL_TIME_MARGIN_MS");
        long millis = margin == null ? 20_000 : Long.parseLong(String.valueOf(margin));
        assertThat(millis).isLessThan(T.timeout("EmailFunction") * 1000L / 2);
    }

    @Test
    void aBlockedSenderShouldAlarm_onTheMetricTheFunctionEmits() {
        assertThat(T.ofType("AWS::CloudWatch::Alarm")).anyMatch(id -> {
            Map<String, Object> alarm = T.properties(id);
            return EmailMetrics.NAMESPACE.equals(alarm.get("Namespace"))
                    && EmailMetrics.SENDING_BLOCKED.equals(alarm.get("MetricName"))
                    && list(alarm.get("Dimensions")).stream().anyMatch(d -> "FunctionName".equals(map(d).get("Name"))
                    && "EmailFunction".equals(map(map(d).get("Value")).get("Ref")));
        });
    }
}
