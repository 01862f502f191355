package dev.cobranca.email;

import dev.cobranca.aws.AwsClients;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.email.adapter.PostgresChargeStore;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.postgres.DataSources;

/** The composition root: built once per execution environment, during init. */
public final class DependencyFactory {

    private DependencyFactory() {
    }

    public static EmailService service(EmailConfig config) {
        return new EmailService(
                new PostgresChargeStore(DataSources.create(config.database(), "cobranca-email")),
                new S3ObjectStore(AwsClients.s3(config.forcePathStyle()), config.bucket()),
                new SmtpMailer(config.smtp()),
                config.claimLease());
    }
}
