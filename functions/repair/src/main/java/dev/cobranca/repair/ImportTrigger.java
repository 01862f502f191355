package dev.cobranca.repair;

/** Delivers an upload's object to the CSV import again, as S3 would (asynchronously, at least once). */
public interface ImportTrigger {

    void deliver(UploadObject object);

    /** The object S3 stored for an upload, as an S3 event names it. */
    record UploadObject(String bucket, String key, String etag, long size) {
    }
}
