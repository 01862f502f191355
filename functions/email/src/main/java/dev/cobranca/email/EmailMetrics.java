package dev.cobranca.email;

import java.io.PrintStream;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON line on standard output, which Lambda's log
 * ingestion turns into a metric (namespace {@code Cobranca}, dimension {@code FunctionName}, so two stacks in one
 * account do not mix) that template.yaml alarms on. Locally it is just a log line.
 */
public final class EmailMetrics {

    public static final String NAMESPACE = "Cobranca";
    public static final String SENDING_BLOCKED = "EmailSendingBlocked";
    public static final String THROTTLED = "EmailThrottled";

    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,170}");

    private final PrintStream out;
    private final Clock clock;
    private final String functionName;

    /** @param functionName Lambda's {@code AWS_LAMBDA_FUNCTION_NAME} (letters, digits, {@code -_.:}) */
    public EmailMetrics(PrintStream out, Clock clock, String functionName) {
        if (!FUNCTION_NAME.matcher(functionName).matches()) {
            throw new IllegalArgumentException("not a Lambda function name: " + functionName);
        }
        this.out = out;
        this.clock = clock;
        this.functionName = functionName;
    }

    public static EmailMetrics standardOutput(String functionName) {
        return new EmailMetrics(System.out, Clock.systemUTC(), functionName);
    }

    public void count(String metric) {
        // Metric names are our constants and the function name is checked: no JSON escaping needed.
        out.println("{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}]}]},"
                + "\"FunctionName\":\"" + functionName + "\",\"" + metric + "\":1}");
    }
}
