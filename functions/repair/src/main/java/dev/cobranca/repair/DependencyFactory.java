package dev.cobranca.repair;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.SqsMessagePublisher;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.repair.adapter.LambdaImportTrigger;
import dev.cobranca.repair.adapter.PostgresRepairStore;
import dev.cobranca.repair.adapter.S3UploadObjects;
import dev.cobranca.repair.adapter.SqsDeadLetters;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static RepairService service(RepairConfig config) {
        SqsClient sqs = AwsClients.sqs();
        // endpoint and region from the SDK's standard chain (AWS_ENDPOINT_URL_LAMBDA locally), as for S3 and SQS
        LambdaClient lambda = LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
        return new RepairService(
                new PostgresRepairStore(DataSources.create(config.database(), "cobranca-repair"), config.emailAfter()),
                new S3UploadObjects(AwsClients.s3(config.forcePathStyle())),
                new LambdaImportTrigger(lambda, config.importFunctionName(),
                        DefaultAwsRegionProviderChain.builder().build().getRegion().id()),
                new SqsMessagePublisher(sqs, config.invoiceQueueUrl()),
                new SqsMessagePublisher(sqs, config.emailQueueUrl()),
                new SqsDeadLetters(sqs, config.deadLetterQueues()),
                new RepairService.Settings(config.stale(), config.maxCharges()),
                Clock.systemUTC());
    }
}
