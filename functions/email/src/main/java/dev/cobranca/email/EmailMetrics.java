package dev.cobranca.email;

import java.io.PrintStream;
import java.time.Clock;

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON line on standard output, which Lambda's log
 * ingestion turns into a metric (namespace {@code Cobranca}) that template.yaml alarms on. Locally it is just a log line.
 */
public final class EmailMetrics {

    public static final String NAMESPACE = "Cobranca";
    public static final String SENDING_BLOCKED = "EmailSendingBlocked";
    public static final String THROTTLED = "EmailThrottled";

    private final PrintStream out;
    private final Clock clock;

    public EmailMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static EmailMetrics standardOutput() {
        return new EmailMetrics(System.out, Clock.systemUTC());
    }

    public void count(String metric) {
        // Metric names are our constants: no escaping needed.
        out.println("{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}]}]},\"" + metric + "\":1}");
    }
}
