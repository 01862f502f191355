package dev.cobranca.bankreturn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 {@code ObjectCreated:*} on {@code returns/}: applies each retorno named (.ret, .RET or .txt; S3 filters take one
 * suffix per rule, so the suffix is checked here). A malformed file is not an error of the invocation: it ends FAILED
 * or PARTIAL with its report. An exception (database, S3) makes Lambda retry; the file is then applied again,
 * idempotently.
 */
public final class BankReturnHandler implements RequestHandler<S3Event, BankReturnHandler.Result> {

    private static final Logger LOG = LoggerFactory.getLogger(BankReturnHandler.class);

    private final BankReturnService service;

    public BankReturnHandler() {
        this(System.getenv());
    }

    public BankReturnHandler(Map<String, String> env) {
        this(DependencyFactory.service(BankReturnConfig.fromEnv(env)));
    }

    public BankReturnHandler(BankReturnService service) {
        this.service = service;
    }

    /** One entry per retorno read (or found read already). */
    public record Result(List<BankReturnService.Result> files) {
    }

    @Override
    public Result handleRequest(S3Event event, Context context) {
        List<BankReturnService.Result> results = new ArrayList<>();
        for (S3EventNotificationRecord record : event.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                LOG.info("ignoring event {}", record.getEventName());
                continue;
            }
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            if (!BankReturnService.isReturnFile(key)) {
                LOG.info("ignoring {}: not a retorno (returns/*.ret, *.RET or *.txt)", key);
                continue;
            }
            results.add(service.handle(key));
        }
        return new Result(results);
    }
}
