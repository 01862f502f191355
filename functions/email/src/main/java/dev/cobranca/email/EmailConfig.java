package dev.cobranca.email;

import dev.cobranca.aws.SecretCredentials;
import dev.cobranca.aws.Secrets;
import dev.cobranca.core.config.Env;
import dev.cobranca.postgres.DatabaseConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The e-mail function's configuration, read once at init.
 *
 * @param database       {@code DATABASE_*}
 * @param bucket         {@code BUCKET_NAME}: where the boleto PDFs are read from
 * @param forcePathStyle {@code S3_FORCE_PATH_STYLE}, default false (true for emulators)
 * @param smtp           {@code SMTP_*} and {@code MAIL_FROM}
 * @param claimLease     {@code EMAIL_CLAIM_SECONDS}, default 300: how long a charge stays claimed by one sender.
 *                       Longer than the function's timeout (so a live sender never loses its claim) and shorter
 *                       than the queue's visibility timeout (so a retried message finds its charges free again)
 * @param timeMargin     {@code EMAIL_TIME_MARGIN_MS}, default 20000: no e-mail is started with less than this left of
 *                       the function's time; the rest of the batch is handed back. More than an SMTP connect plus a
 *                       reply can take (10 s each), so the function is never killed halfway through an e-mail
 * @param queueUrl       {@code EMAIL_QUEUE_URL}, optional: the queue the function consumes, for backing off
 *                       throttled messages with ChangeMessageVisibility; without it they come back after the
 *                       queue's visibility timeout
 * @param delays         {@code EMAIL_BACKOFF_FIRST_SECONDS} (30) and {@code EMAIL_BACKOFF_MAX_SECONDS} (900): how long
 *                       handed-back messages wait after throttling (doubling per delivery) or a blocked account (max)
 * @param functionName   {@code AWS_LAMBDA_FUNCTION_NAME} (set by Lambda), default {@code EmailFunction}: the
 *                       dimension of the function's CloudWatch metrics
 */
public record EmailConfig(
        DatabaseConfig database,
        String bucket,
        boolean forcePathStyle,
        SmtpConfig smtp,
        Duration claimLease,
        Duration timeMargin,
        String queueUrl,
        RedeliveryDelays delays,
        String functionName) {

    /**
     * Variables without which {@link #fromEnv} fails; the template test holds template.yaml to them. SMTP credentials
     * are not among them: a local server needs none, and on AWS they may come from {@code SMTP_SECRET_ARN}.
     */
    public static final List<String> REQUIRED = List.of("DATABASE_URL", "BUCKET_NAME", "SMTP_HOST", "MAIL_FROM");

    /** Loose on purpose: the SMTP server is the judge; this catches a missing {@code @} or a stray space. */
    private static final Pattern ADDRESS = Pattern.compile("(?:[^<>]*<)?[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+>?");

    /**
     * @param host     {@code SMTP_HOST}, e.g. {@code email-smtp.us-east-1.amazonaws.com} (Amazon SES)
     * @param port     {@code SMTP_PORT}, default 587
     * @param startTls {@code SMTP_STARTTLS}, default true: when true, STARTTLS is required, never optional
     * @param username {@code SMTP_USERNAME}, or the {@code username} of the secret {@code SMTP_SECRET_ARN}; null: no AUTH
     * @param password {@code SMTP_PASSWORD}, or the secret's {@code password}
     * @param from     {@code MAIL_FROM}, the sender, e.g. {@code Cobrança <cobranca@example.com>}
     */
    public record SmtpConfig(String host, int port, boolean startTls, String username, String password, String from) {
        @Override
        public String toString() {
            return "SmtpConfig[host=" + host + ", port=" + port + ", startTls=" + startTls + ", username=" + username
                    + ", password=" + (password == null ? null : "***") + ", from=" + from + "]";
        }
    }

    public static EmailConfig fromEnv(Map<String, String> env) {
        Env vars = Env.of(env);
        SmtpConfig smtp = smtp(vars);
        int claimSeconds = vars.range("EMAIL_CLAIM_SECONDS", 300, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (claimSeconds < 30) {
            throw new IllegalArgumentException("EMAIL_CLAIM_SECONDS must be at least 30 (longer than the function's timeout), got "
                    + claimSeconds + ".");
        }
        int marginMillis = vars.range("EMAIL_TIME_MARGIN_MS", 20_000, 1_000, 600_000);
        return new EmailConfig(
                DatabaseConfig.fromEnv(env, Secrets::string),
                vars.required("BUCKET_NAME", "the bucket that holds invoices/"),
                vars.bool("S3_FORCE_PATH_STYLE", false),
                smtp,
                Duration.ofSeconds(claimSeconds),
                Duration.ofMillis(marginMillis),
                vars.optional("EMAIL_QUEUE_URL"),
                delays(vars),
                vars.optional("AWS_LAMBDA_FUNCTION_NAME", "EmailFunction"));
    }

    private static RedeliveryDelays delays(Env vars) {
        int first = vars.range("EMAIL_BACKOFF_FIRST_SECONDS", RedeliveryDelays.DEFAULT.firstBackoffSeconds(), 0, 43_200);
        int max = vars.range("EMAIL_BACKOFF_MAX_SECONDS", RedeliveryDelays.DEFAULT.maxBackoffSeconds(), 0, 43_200);
        if (max < first) {
            throw new IllegalArgumentException("EMAIL_BACKOFF_MAX_SECONDS (" + max + ") must not be less than "
                    + "EMAIL_BACKOFF_FIRST_SECONDS (" + first + ").");
        }
        return new RedeliveryDelays(first, max);
    }

    private static SmtpConfig smtp(Env vars) {
        String host = vars.required("SMTP_HOST", "the SMTP server, e.g. email-smtp.us-east-1.amazonaws.com");
        int port = vars.range("SMTP_PORT", 587, 1, 65535);
        boolean startTls = vars.bool("SMTP_STARTTLS", true);
        String from = vars.required("MAIL_FROM", "the sender address, e.g. cobranca@example.com");
        if (!ADDRESS.matcher(from).matches()) {
            throw new IllegalArgumentException("MAIL_FROM must be an e-mail address such as cobranca@example.com or "
                    + "'Cobrança <cobranca@example.com>', got '" + from + "'.");
        }
        String username = vars.optional("SMTP_USERNAME");
        String password = vars.optional("SMTP_PASSWORD");
        String secretArn = vars.optional("SMTP_SECRET_ARN");
        if (secretArn != null) {
            if (username != null || password != null) {
                throw new IllegalArgumentException("Set either SMTP_SECRET_ARN or SMTP_USERNAME/SMTP_PASSWORD, not both.");
            }
            SecretCredentials credentials = SecretCredentials.fetch(secretArn);
            username = credentials.username();
            password = credentials.password();
        } else if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SMTP_USERNAME and SMTP_PASSWORD go together: set both or neither.");
        }
        return new SmtpConfig(host, port, startTls, username, password, from);
    }

}
