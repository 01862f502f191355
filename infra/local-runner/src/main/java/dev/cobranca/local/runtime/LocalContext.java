package dev.cobranca.local.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The invocation's {@link Context}: request id, function name, remaining time from the template's Timeout. */
record LocalContext(String awsRequestId, String functionName, String functionArn, int memoryMb, long deadlineMillis,
                    LambdaLogger logger) implements Context {

    static LocalContext create(String functionName, String region, int memoryMb, int timeoutSeconds) {
        Logger log = LoggerFactory.getLogger("lambda." + functionName);
        LambdaLogger lambdaLogger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.info(message.strip());
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
        return new LocalContext(UUID.randomUUID().toString(), functionName,
                "arn:aws:lambda:" + region + ":000000000000:function:" + functionName, memoryMb,
                System.currentTimeMillis() + timeoutSeconds * 1000L, lambdaLogger);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
