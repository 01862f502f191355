package dev.cobranca.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class EmailConfigTest {

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/cobranca");
        env.put("BUCKET_NAME", "cobranca-uploads");
        env.put("SMTP_HOST", "email-smtp.us-east-1.amazonaws.com");
        env.put("SMTP_USERNAME", "AKIAEXAMPLE");
        env.put("SMTP_PASSWORD", "not-a-real-password");
        env.put("MAIL_FROM", "Cobrança <cobranca@example.com>");
        return env;
    }

    @Test
    void shouldDefaultToSesSubmissionPortWithStartTls() {
        EmailConfig config = EmailConfig.fromEnv(env());

        assertThat(config.smtp().port()).isEqualTo(587);
        assertThat(config.smtp().startTls()).isTrue();
        assertThat(config.smtp().from()).isEqualTo("Cobrança <cobranca@example.com>");
        assertThat(config.claimLease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.smtp().toString()).doesNotContain("not-a-real-password");
        assertThat(config.timeMargin()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.delays()).isEqualTo(new RedeliveryDelays(30, 900));
        assertThat(config.queueUrl()).isNull();
    }

    @Test
    void shouldReadTheBackOff_theTimeMargin_andTheQueue() {
        Map<String, String> env = env();
        env.put("EMAIL_TIME_MARGIN_MS", "15000");
        env.put("EMAIL_BACKOFF_FIRST_SECONDS", "10");
        env.put("EMAIL_BACKOFF_MAX_SECONDS", "600");
        env.put("EMAIL_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/cobranca-EmailQueue");

        EmailConfig config = EmailConfig.fromEnv(env);

        assertThat(config.timeMargin()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.delays()).isEqualTo(new RedeliveryDelays(10, 600));
        assertThat(config.queueUrl()).endsWith("/cobranca-EmailQueue");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("EMAIL_BACKOFF_MAX_SECONDS", "5")))
                .hasMessage("EMAIL_BACKOFF_MAX_SECONDS (5) must not be less than EMAIL_BACKOFF_FIRST_SECONDS (30).");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("EMAIL_TIME_MARGIN_MS", "10")))
                .hasMessageStartingWith("EMAIL_TIME_MARGIN_MS must be between");
    }

    @Test
    void shouldReadAPlainLocalServer() {
        Map<String, String> env = env();
        env.remove("SMTP_USERNAME");
        env.remove("SMTP_PASSWORD");
        env.put("SMTP_PORT", "3025");
        env.put("SMTP_STARTTLS", "false");
        env.put("EMAIL_CLAIM_SECONDS", "600");

        EmailConfig config = EmailConfig.fromEnv(env);

        assertThat(config.smtp().username()).isNull();
        assertThat(config.smtp().port()).isEqualTo(3025);
        assertThat(config.smtp().startTls()).isFalse();
        assertThat(config.claimLease()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldNameTheVariable_whenSomethingIsMissingOrWrong() {
        assertThatThrownBy(() -> EmailConfig.fromEnv(without("SMTP_HOST"))).hasMessageStartingWith("SMTP_HOST is required");
        assertThatThrownBy(() -> EmailConfig.fromEnv(without("MAIL_FROM"))).hasMessageStartingWith("MAIL_FROM is required");
        assertThatThrownBy(() -> EmailConfig.fromEnv(without("BUCKET_NAME"))).hasMessageStartingWith("BUCKET_NAME is required");
        assertThatThrownBy(() -> EmailConfig.fromEnv(without("DATABASE_URL"))).hasMessageStartingWith("DATABASE_URL is required");
        assertThatThrownBy(() -> EmailConfig.fromEnv(without("SMTP_PASSWORD")))
                .hasMessage("SMTP_USERNAME and SMTP_PASSWORD go together: set both or neither.");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("SMTP_PORT", "smtp"))).hasMessage("SMTP_PORT must be a whole number, got 'smtp'.");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("SMTP_PORT", "70000"))).hasMessageStartingWith("SMTP_PORT must be between");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("SMTP_STARTTLS", "sim"))).hasMessage("SMTP_STARTTLS must be true or false, got 'sim'.");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("MAIL_FROM", "cobranca"))).hasMessageStartingWith("MAIL_FROM must be an e-mail address");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("SMTP_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:smtp")))
                .hasMessage("Set either SMTP_SECRET_ARN or SMTP_USERNAME/SMTP_PASSWORD, not both.");
        assertThatThrownBy(() -> EmailConfig.fromEnv(with("EMAIL_CLAIM_SECONDS", "5"))).hasMessageStartingWith("EMAIL_CLAIM_SECONDS must be at least 30");
    }

    private static Map<String, String> without(String name) {
        Map<String, String> env = env();
        env.remove(name);
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = env();
        env.put(name, value);
        return env;
    }

    static final java.util.List<String> REQUIRED = EmailConfig.REQUIRED;

    @ParameterizedTest
    @FieldSource("REQUIRED")
    void shouldNameTheVariable_whenARequiredOneIsMissing(String name) {
        Map<String, String> env = env();
        assertThat(env).as("the fixture sets every required variable").containsKey(name);
        env.remove(name);

        assertThatThrownBy(() -> EmailConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }
}
