package dev.cobranca.emulators;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS SDK's standard settings that point a client built with defaults at the emulators: the region, the
 * emulators' credentials and the per-service endpoints (one emulator per service, so the per-service forms of
 * {@code aws.endpointUrl}). Set as system properties, they reach the functions with no endpoint in their code.
 */
public final class SdkEndpoints {

    private SdkEndpoints() {
    }

    /** @param sqs null when there is no SQS emulator */
    public static Map<String, String> systemProperties(S3Emulator s3, SqsEmulator sqs) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.region", s3.region());
        properties.put("aws.accessKeyId", s3.accessKey());
        properties.put("aws.secretAccessKey", s3.secretKey());
        properties.put("aws.endpointUrlS3", s3.endpoint().toString());
        if (sqs != null) {
            properties.put("aws.endpointUrlSqs", sqs.endpoint().toString());
        }
        return properties;
    }
}
