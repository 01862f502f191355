package dev.cobranca.local.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.RunnerException;
import dev.cobranca.local.Stack;
import dev.cobranca.local.runtime.FunctionErrorException;
import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.local.template.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code invoke}: one function, once, with an event file, on a stack that wires nothing. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Invoke one function once with an event file, like `sam local invoke`; prints its response JSON.")
public final class InvokeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "LogicalId", description = "The function's logical id in template.yaml, e.g. ApiFunction.")
    String logicalId;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "The event JSON, as Lambda delivers it.")
    Path event;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Set an environment variable of the function.")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--webhook-secret", paramLabel = "SECRET",
            description = "The key a webhook event's Cobranca-Signature was made with. Default: $COBRANCA_WEBHOOK_SECRET, else a random one.")
    String webhookSecret;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(event)) {
            throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "No such event file: " + event.toAbsolutePath());
        }
        String json;
        try {
            json = Files.readString(event, StandardCharsets.UTF_8);
            new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new RunnerException(ExitCodes.MALFORMED_EVENT, "The event file " + event + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        var functions = Template.load(common.template()).functions();
        if (functions.stream().noneMatch(f -> f.logicalId().equals(logicalId))) {
            throw new RunnerException(ExitCodes.UNKNOWN_FUNCTION, "No function " + logicalId + " in " + common.template()
                    + "; functions: " + functions.stream().map(f -> f.logicalId()).toList());
        }
        StackCommandOptions quiet = new StackCommandOptions();
        quiet.environment = environment;
        quiet.concurrency = 1;
        quiet.webhookSecret = webhookSecret;
        try (Stack stack = Stack.start(quiet.toOptions(common, false))) {
            LambdaFunction function = stack.functions().get(logicalId);
            if (function == null) {
                throw new RunnerException(ExitCodes.FUNCTION_INIT_FAILED, stack.unavailable().get(logicalId));
            }
            try {
                System.out.println(function.invoke(json));
                return ExitCodes.OK;
            } catch (FunctionErrorException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                boolean badEvent = e.getMessage().contains("does not deserialize");
                System.out.println(errorJson(cause));
                if (badEvent) {
                    throw new RunnerException(ExitCodes.MALFORMED_EVENT, e.getMessage(), e);
                }
                return ExitCodes.UPLOAD_FAILED;
            }
        }
    }

    /** Lambda's error response shape. */
    private static String errorJson(Throwable e) {
        var node = new ObjectMapper().createObjectNode();
        node.put("errorMessage", String.valueOf(e.getMessage()));
        node.put("errorType", e.getClass().getName());
        var trace = node.putArray("stackTrace");
        for (StackTraceElement el : e.getStackTrace()) {
            trace.add(el.toString());
        }
        return node.toString();
    }
}
