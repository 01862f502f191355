package dev.cobranca.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.aws.MessageVisibility;
import dev.cobranca.aws.SqsBatch;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code EmailFunction}: SQS {@code EmailRequested} messages in, one e-mail per charge out, over one SMTP
 * connection per batch. Reports partial batch failures: a message that fails is retried alone. When sending stops
 * (throttled, blocked, out of time) the rest of the batch is handed back, with the visibility the reason calls for.
 */
public final class EmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EmailService service;
    private final MessageVisibility visibility;
    private final RedeliveryDelays delays;

    public EmailHandler() {
        this(System.getenv());
    }

    public EmailHandler(Map<String, String> env) {
        this(EmailConfig.fromEnv(env));
    }

    private EmailHandler(EmailConfig config) {
        this(DependencyFactory.service(config), DependencyFactory.visibility(config), config.delays());
    }

    public EmailHandler(EmailService service) {
        this(service, MessageVisibility.NONE, RedeliveryDelays.DEFAULT);
    }

    public EmailHandler(EmailService service, MessageVisibility visibility, RedeliveryDelays delays) {
        this.service = service;
        this.visibility = visibility;
        this.delays = delays;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        LongSupplier remaining = context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
        try (EmailService.Batch batch = service.openBatch(remaining)) {
            return SqsBatch.process(event, body -> {
                try {
                    batch.handle(body);
                } catch (SendingStopped stop) {
                    throw new SqsBatch.StopBatch(stop.reason() + ": " + stop.getMessage(), stop,
                            receiveCount -> delays.seconds(stop.reason(), receiveCount));
                }
            }, visibility);
        }
    }
}
