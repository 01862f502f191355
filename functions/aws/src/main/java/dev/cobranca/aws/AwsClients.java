package dev.cobranca.aws;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients, built once per execution environment. Region, credentials and endpoints come from the
 * SDK's standard chain ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, ...): never set in code, so the same
 * build runs on AWS, LocalStack and the local emulators.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** @param forcePathStyle {@code S3_FORCE_PATH_STYLE}: needed for endpoints such as {@code http://localhost:port} */
    public static S3Client s3(boolean forcePathStyle) {
        return S3Client.builder()
                .httpClientBuilder(httpClient())
                .forcePathStyle(forcePathStyle)
                .build();
    }

    public static S3Presigner s3Presigner(boolean forcePathStyle) {
        return S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(forcePathStyle).build())
                .build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder()
                .httpClientBuilder(httpClient())
                .build();
    }

    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60));
    }
}
