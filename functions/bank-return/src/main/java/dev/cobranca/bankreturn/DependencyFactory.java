package dev.cobranca.bankreturn;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.aws.SqsMessagePublisher;
import dev.cobranca.bankreturn.adapter.PostgresBankReturnStore;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnReader;
import dev.cobranca.postgres.DataSources;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static BankReturnService service(BankReturnConfig config) {
        return new BankReturnService(
                new PostgresBankReturnStore(DataSources.create(config.database(), "cobranca-bank-return")),
                new BancoDoBrasilReturnReader(),
                new S3ObjectStore(AwsClients.s3(config.forcePathStyle()), config.bucket()),
                config.emailAfter(),
                config.emailQueueUrl() == null ? bodies -> {
                    throw new IllegalStateException("no EMAIL_QUEUE_URL");
                } : new SqsMessagePublisher(AwsClients.sqs(), config.emailQueueUrl()));
    }
}
