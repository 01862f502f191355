package dev.cobranca.invoice;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.aws.SqsBatch;
import java.util.Map;

/**
 * {@code InvoiceFunction}: SQS {@code InvoiceRequested} messages in, boleto PDFs and {@code EmailRequested} out.
 * Reports partial batch failures: a message that fails (unreadable, or S3/database/SQS trouble) is retried alone.
 */
public final class InvoiceHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final InvoiceService service;

    public InvoiceHandler() {
        this(System.getenv());
    }

    public InvoiceHandler(Map<String, String> env) {
        this(DependencyFactory.service(InvoiceConfig.fromEnv(env)));
    }

    public InvoiceHandler(InvoiceService service) {
        this.service = service;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, service::handle);
    }
}
