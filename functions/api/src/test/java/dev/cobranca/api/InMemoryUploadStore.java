package dev.cobranca.api;

import dev.cobranca.api.model.MailAlert;
import dev.cobranca.api.model.NewUpload;
import dev.cobranca.api.model.UploadProgress;
import dev.cobranca.api.port.UploadStore;
import dev.cobranca.core.upload.UploadStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryUploadStore implements UploadStore {

    final Map<UUID, NewUpload> created = new ConcurrentHashMap<>();
    final Map<UUID, UploadProgress> progress = new ConcurrentHashMap<>();

    @Override
    public void create(NewUpload upload) {
        created.put(upload.id(), upload);
        progress.put(upload.id(), new UploadProgress(upload.id(), UploadStatus.WAITING, 0, 0, 0, 0, Map.of(),
                Instant.now(), null, null, null, null, null, 0, null));
    }

    @Override
    public Optional<UploadProgress> find(UUID id) {
        return Optional.ofNullable(progress.get(id));
    }

    final List<MailAlert> mailAlerts = new ArrayList<>();

    @Override
    public List<MailAlert> openMailAlerts() {
        return List.copyOf(mailAlerts);
    }
}
