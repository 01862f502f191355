package dev.cobranca.email;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.MessageVisibility;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.aws.SqsMessageVisibility;
import dev.cobranca.email.adapter.PostgresChargeStore;
import dev.cobranca.email.adapter.PostgresMailAlerts;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.postgres.DataSources;
import javax.sql.DataSource;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static EmailService service(EmailConfig config) {
        DataSource dataSource = DataSources.create(config.database(), "cobranca-email");
        return new EmailService(
                new PostgresChargeStore(dataSource),
                new S3ObjectStore(AwsClients.s3(config.forcePathStyle()), config.bucket()),
                new SmtpMailer(config.smtp()),
                config.claimLease(),
                new PostgresMailAlerts(dataSource),
                EmailMetrics.standardOutput(config.functionName()),
                config.timeMargin());
    }

    public static MessageVisibility visibility(EmailConfig config) {
        return config.queueUrl() == null ? MessageVisibility.NONE : new SqsMessageVisibility(AwsClients.sqs(), config.queueUrl());
    }
}
