package dev.cobranca.api.port;

import dev.cobranca.api.model.NewUpload;
import dev.cobranca.api.model.UploadProgress;
import java.util.Optional;
import java.util.UUID;

/** Where uploads are recorded and their progress read. */
public interface UploadStore {

    /** Registers the upload as WAITING for its file. */
    void create(NewUpload upload);

    Optional<UploadProgress> find(UUID id);
}
