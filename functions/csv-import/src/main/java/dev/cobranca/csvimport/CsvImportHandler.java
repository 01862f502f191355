package dev.cobranca.csvimport;

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
 * S3 {@code ObjectCreated:*} on {@code uploads/*.csv}: imports each object named, one at a time. An exception
 * makes Lambda retry the event; the import then resumes where it stopped.
 */
public final class CsvImportHandler implements RequestHandler<S3Event, CsvImportHandler.Result> {

    private static final Logger LOG = LoggerFactory.getLogger(CsvImportHandler.class);

    private final ImportService service;

    public CsvImportHandler() {
        this(System.getenv());
    }

    public CsvImportHandler(Map<String, String> env) {
        this(DependencyFactory.service(CsvImportConfig.fromEnv(env)));
    }

    CsvImportHandler(ImportService service) {
        this.service = service;
    }

    /** What the invocation returns: one entry per object imported (or found imported already). */
    public record Result(List<ImportResult> imports) {
    }

    @Override
    public Result handleRequest(S3Event event, Context context) {
        List<ImportResult> results = new ArrayList<>();
        for (S3EventNotificationRecord record : event.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                LOG.info("ignoring event {}", record.getEventName());
                continue;
            }
            var s3 = record.getS3();
            // S3 event keys are URL-encoded, spaces as '+'
            String key = URLDecoder.decode(s3.getObject().getKey(), StandardCharsets.UTF_8);
            if (!key.startsWith("uploads/") || !key.endsWith(".csv")) {
                LOG.info("ignoring {}: not an upload (uploads/*.csv)", key);
                continue;
            }
            Long size = s3.getObject().getSizeAsLong();
            results.add(service.importObject(new StoredObject(s3.getBucket().getName(), key, s3.getObject().geteTag(),
                    size == null ? -1 : size)));
        }
        return new Result(results);
    }
}
