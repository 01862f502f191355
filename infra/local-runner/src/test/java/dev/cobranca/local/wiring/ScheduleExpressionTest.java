package dev.cobranca.local.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cobranca.local.template.TemplateException;
import dev.cobranca.testfixtures.LambdaEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Expressions as the EventBridge user guide's "Schedule expressions for rules" defines them. */
class ScheduleExpressionTest {

    private static final ZonedDateTime AT = ZonedDateTime.parse("2026-12-01T21:47:30Z");

    @Test
    void shouldFireEveryPeriod_whenRate() {
        assertThat(ScheduleExpression.parse("rate(5 minutes)").next(AT)).isEqualTo(AT.plusMinutes(5));
        assertThat(ScheduleExpression.parse("rate(1 hour)").next(AT)).isEqualTo(AT.plusHours(1));
        assertThat(ScheduleExpression.parse("rate(2 days)").next(AT)).isEqualTo(AT.plusDays(2));
        assertThat(ScheduleExpression.every(Duration.ofSeconds(5)).next(AT)).isEqualTo(AT.plusSeconds(5));
    }

    @Test
    void shouldRefuseRate_whenUnitDoesNotAgreeWithValue() {
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 minute)")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("every 5 minutes")).isInstanceOf(TemplateException.class);
    }

    @Test
    void shouldFireAtTheNextMatchingMinute_whenCron() {
        // "10:15 UTC every day"
        assertThat(ScheduleExpression.parse("cron(15 10 * * ? *)").next(AT))
                .isEqualTo(ZonedDateTime.parse("2026-12-02T10:15Z"));
        // "every 10 minutes Monday through Friday" (2026-12-05 is a Saturday)
        ScheduleExpression weekdays = ScheduleExpression.parse("cron(0/10 * ? * MON-FRI *)");
        assertThat(weekdays.next(AT)).isEqualTo(ZonedDateTime.parse("2026-12-01T21:50Z"));
        assertThat(weekdays.next(ZonedDateTime.parse("2026-12-04T23:55Z"))).isEqualTo(ZonedDateTime.parse("2026-12-07T00:00Z"));
        // "6:00 PM on the first Monday... " needs #: refused; first day of every month at 3:00
        assertThat(ScheduleExpression.parse("cron(0 3 1 * ? *)").next(AT)).isEqualTo(ZonedDateTime.parse("2027-01-01T03:00Z"));
        // 1 = SUN in EventBridge (2026-12-06 is a Sunday)
        assertThat(ScheduleExpression.parse("cron(0 8 ? * 1 *)").next(AT)).isEqualTo(ZonedDateTime.parse("2026-12-06T08:00Z"));
        assertThat(ScheduleExpression.parse("cron(0 0 1 JAN ? 2025)").next(AT)).isNull();
    }

    @Test
    void shouldRefuseCron_whenMalformedOrUnsupported() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * *)")).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * MON *)")).hasMessageContaining("must be ?");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 18 ? * 6#3 *)")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(61 10 * * ? *)")).hasMessageContaining("out of");
    }

    @Test
    void shouldWriteAScheduledEvent_thatLambdaSerializationReads() throws Exception {
        String json = Events.scheduled("us-east-1", "000000000000", "arn:aws:events:us-east-1:000000000000:rule/r",
                Instant.parse("2026-12-01T21:50:00.123Z"));

        ScheduledEvent event = LambdaEvents.fromJson(json, ScheduledEvent.class);
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getResources()).containsExactly("arn:aws:events:us-east-1:000000000000:rule/r");
        assertThat(new ObjectMapper().readTree(json).get("time").asText()).isEqualTo("2026-12-01T21:50:00Z");
    }
}
