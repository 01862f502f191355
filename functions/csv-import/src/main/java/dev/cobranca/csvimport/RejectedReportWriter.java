package dev.cobranca.csvimport;

import dev.cobranca.core.importing.RejectedRowsReport;
import dev.cobranca.core.port.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code reports/{uploadId}/rejected.csv} from the rejected rows the store kept, in line order: through a
 * temporary file, so a report of any size is streamed and never held.
 */
final class RejectedReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedReportWriter.class);

    private final ObjectStore objects;
    private final ChargeLoader store;

    RejectedReportWriter(ObjectStore objects, ChargeLoader store) {
        this.objects = objects;
        this.store = store;
    }

    /** @return the report's key, or null when no row was rejected */
    String write(UUID uploadId) {
        String key = "reports/" + uploadId + "/rejected.csv";
        Path file = null;
        try {
            file = Files.createTempFile("rejected-" + uploadId, ".csv");
            long[] rows = {0};
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 RejectedRowsReport report = new RejectedRowsReport(out)) {
                store.forEachRejected(uploadId, (line, reason, text) -> {
                    rows[0]++;
                    report.write(line, reason, text);
                });
            }
            if (rows[0] == 0) {
                return null;
            }
            objects.put(key, file, RejectedRowsReport.CONTENT_TYPE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("could not delete {}", file, e);
                }
            }
        }
    }
}
