package dev.cobranca.invoice;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.aws.SqsMessagePublisher;
import dev.cobranca.core.boleto.BancoDoBrasilBoletoIssuer;
import dev.cobranca.invoice.adapter.PostgresChargeStore;
import dev.cobranca.invoice.pdf.PdfBoxBoletoRenderer;
import dev.cobranca.postgres.DataSources;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static InvoiceService service(InvoiceConfig config) {
        var sqs = AwsClients.sqs();
        InvoiceService.Options options = new InvoiceService.Options(config.overdueGraceDays(), config.emailAfter(),
                config.remittanceQueueUrl() == null ? null : new SqsMessagePublisher(sqs, config.remittanceQueueUrl()),
                java.time.Clock.system(InvoiceService.Options.BANK_ZONE));
        return new InvoiceService(
                new PostgresChargeStore(DataSources.create(config.database(), "cobranca-invoice")),
                new BancoDoBrasilBoletoIssuer(config.beneficiary()),
                new PdfBoxBoletoRenderer(),
                new S3ObjectStore(AwsClients.s3(config.forcePathStyle()), config.bucket()),
                new SqsMessagePublisher(sqs, config.emailQueueUrl()),
                options);
    }
}
