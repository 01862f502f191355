package dev.cobranca.remittance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.cobranca.aws.SqsBatch;
import dev.cobranca.core.message.MessageCodec;
import dev.cobranca.core.message.RemittanceRequested;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RemittanceFunction}: {@link RemittanceRequested} messages in (from the schedule rule, and from the invoice
 * function when an upload is done invoicing), CNAB 240 remessas out. A message only says "run now": one run per
 * invocation sends every invoiced title not yet sent, so the other messages of the batch are done by it. A failed run
 * fails them all, and SQS delivers them again (the run is safe to repeat).
 */
public final class RemittanceHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(RemittanceHandler.class);

    private final RemittanceService service;

    public RemittanceHandler() {
        this(System.getenv());
    }

    public RemittanceHandler(Map<String, String> env) {
        this(DependencyFactory.service(RemittanceConfig.fromEnv(env)));
    }

    public RemittanceHandler(RemittanceService service) {
        this.service = service;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        boolean[] ran = {false};
        return SqsBatch.process(event, body -> {
            RemittanceRequested request = MessageCodec.decode(body, RemittanceRequested.class);
            if (!ran[0]) {
                LOG.info("remittance run requested by {}{}", request.trigger(),
                        request.uploadId() == null ? "" : " (upload " + request.uploadId() + ")");
                service.run();
                ran[0] = true;
            }
        });
    }
}
