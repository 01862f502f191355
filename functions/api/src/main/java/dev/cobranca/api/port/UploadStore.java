package dev.cobranca.api.port;

import dev.cobranca.api.model.MailAlert;
import dev.cobranca.api.model.NewUpload;
import dev.cobranca.api.model.UploadProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where uploads are recorded and their progress read. */
public interface UploadStore {

    /** Registers the upload as WAITING for its file. */
    void create(NewUpload upload);

    Optional<UploadProgress> find(UUID id);

    /** The upload's charges that have a boleto, counted by bank status (NOT_SENT, SENT, ...); missing ones count 0. */
    default Map<String, Long> bankCounts(UUID id) {
        return Map.of();
    }

    /** The e-mail alerts still open (every upload waiting for e-mails waits for them). */
    List<MailAlert> openMailAlerts();
}
