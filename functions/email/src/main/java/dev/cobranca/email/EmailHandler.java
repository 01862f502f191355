package dev.cobranca.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.aws.SqsBatch;
import java.util.Map;

/**
 * {@code EmailFunction}: SQS {@code EmailRequested} messages in, one e-mail per charge out, over one SMTP
 * connection per batch. Reports partial batch failures: a message that fails is retried alone.
 */
public final class EmailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EmailService service;

    public EmailHandler() {
        this(System.getenv());
    }

    public EmailHandler(Map<String, String> env) {
        this(DependencyFactory.service(EmailConfig.fromEnv(env)));
    }

    public EmailHandler(EmailService service) {
        this.service = service;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (EmailService.Batch batch = service.openBatch()) {
            return SqsBatch.process(event, batch::handle);
        }
    }
}
