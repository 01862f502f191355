package dev.cobranca.api.adapter;

import dev.cobranca.api.port.UrlSigner;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** {@link UrlSigner} with the SDK's S3 presigner: local computation, no call to S3. */
public final class S3UrlSigner implements UrlSigner {

    private final S3Presigner presigner;
    private final String bucket;

    public S3UrlSigner(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public PresignedUrl upload(String key, String contentType, long contentLength, Duration ttl) {
        // Setting both on the request makes the presigner sign them: S3 then refuses any other type or length.
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p
                .signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)));
        return new PresignedUrl(signed.url().toString(), signed.expiration());
    }

    @Override
    public PresignedUrl download(String key, Duration ttl) {
        PresignedGetObjectRequest signed = presigner.presignGetObject(p -> p
                .signatureDuration(ttl)
                .getObjectRequest(o -> o.bucket(bucket).key(key)));
        return new PresignedUrl(signed.url().toString(), signed.expiration());
    }
}
