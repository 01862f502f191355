package dev.cobranca.repair.adapter;

import dev.cobranca.repair.ImportTrigger.UploadObject;
import dev.cobranca.repair.UploadObjects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link UploadObjects} by HeadObject. */
public final class S3UploadObjects implements UploadObjects {

    private final S3Client s3;

    public S3UploadObjects(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<UploadObject> head(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new UploadObject(bucket, key, head.eTag() == null ? null : head.eTag().replace("\"", ""),
                    head.contentLength() == null ? 0 : head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty(); // HEAD has no body: S3 answers a bare 404
            }
            throw e;
        }
    }
}
