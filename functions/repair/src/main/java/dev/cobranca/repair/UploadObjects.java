package dev.cobranca.repair;

import java.util.Optional;

/** Looks an upload's object up (any bucket): the repair re-imports only what was stored. */
public interface UploadObjects {

    Optional<ImportTrigger.UploadObject> head(String bucket, String key);
}
