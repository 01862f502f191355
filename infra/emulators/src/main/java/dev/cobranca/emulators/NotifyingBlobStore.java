package dev.cobranca.emulators;

import java.util.List;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.Blob;
import org.gaul.s3proxy.blobstore.domain.BlobMetadata;
import org.gaul.s3proxy.blobstore.domain.MultipartPart;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.blobstore.options.CopyOptions;
import org.gaul.s3proxy.blobstore.options.PutOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells listeners about each stored object, as S3 event notifications would. */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    private final List<Consumer<S3Emulator.ObjectCreated>> listeners;

    NotifyingBlobStore(BlobStore delegate, List<Consumer<S3Emulator.ObjectCreated>> listeners) {
        super(delegate);
        this.listeners = listeners;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String eTag = super.putBlob(container, blob, options);
        notify("ObjectCreated:Put", container, blob.getMetadata().name(), eTag);
        return eTag;
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
        String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        notify("ObjectCreated:Copy", toContainer, toName, eTag);
        return eTag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(upload, parts);
        notify("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName(), eTag);
        return eTag;
    }

    private void notify(String eventName, String bucket, String key, String eTag) {
        if (listeners.isEmpty()) {
            return;
        }
        long size = -1;
        BlobMetadata metadata = delegate().blobMetadata(bucket, key);
        if (metadata != null && metadata.size() != null) {
            size = metadata.size();
        }
        String cleanETag = eTag == null ? null : eTag.replace("\"", "");
        S3Emulator.ObjectCreated event = new S3Emulator.ObjectCreated(eventName, bucket, key, size, cleanETag);
        for (Consumer<S3Emulator.ObjectCreated> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a listener's failure must not fail the client's PUT: the object is stored
                LOG.warn("S3 object-created listener failed for s3://{}/{}", bucket, key, e);
            }
        }
    }
}
