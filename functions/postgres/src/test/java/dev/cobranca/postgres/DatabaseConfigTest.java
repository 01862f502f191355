package dev.cobranca.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, statement timeout and credential settings of the pool (libpq's sslmode values, PostgreSQL SQLSTATE class 28). */
class DatabaseConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldVerifyTheCertificate_ofAnyDatabaseAcrossTheNetwork_andNotOnLoopback() {
        assertThat(DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db.abc.us-east-1.rds.amazonaws.com:5432/cobranca")).sslMode())
                .isEqualTo("verify-full");
        assertThat(DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432,db.example:5432/x")).sslMode())
                .as("one remote host is enough").isEqualTo("verify-full");
        assertThat(DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")).sslMode())
                .isEqualTo("disable");
        assertThat(DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://localhost/x")).sslMode()).isEqualTo("disable");
        assertThat(DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://[::1]:5432/x")).sslMode()).isEqualTo("disable");
        DatabaseConfig c = DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/x"));
        assertThat(c.sslRootCert()).isEqualTo(DatabaseConfig.RDS_CA_BUNDLE);
        assertThat(c.statementTimeoutMs()).isEqualTo(60_000);
        assertThat(c.verifiesCertificate()).isTrue();
        assertThat(new DatabaseConfig("jdbc:postgresql://db:5432/x?sslmode=require", null, null, 1).verifiesCertificate())
                .as("the URL's own sslmode decides").isFalse();
    }

    @Test
    void shouldReadEveryVariable_andRefuseWrongValues() {
        DatabaseConfig c = DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/x", "DATABASE_SSL_MODE", "Verify-CA",
                "DATABASE_SSL_ROOT_CERT", "system", "DATABASE_STATEMENT_TIMEOUT_MS", "0"));
        assertThat(c.sslMode()).isEqualTo("verify-ca");
        assertThat(c.sslRootCert()).isEqualTo("system");
        assertThat(c.statementTimeoutMs()).isZero();

        assertThatThrownBy(() -> DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db/x", "DATABASE_SSL_MODE", "on")))
                .hasMessageContaining("DATABASE_SSL_MODE");
        assertThatThrownBy(() -> DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db/x", "DATABASE_STATEMENT_TIMEOUT_MS", "-1")))
                .hasMessageContaining("DATABASE_STATEMENT_TIMEOUT_MS");
    }

    @Test
    void shouldStopAtInit_whenVerificationIsAskedAndTheBundleIsMissing() {
        DatabaseConfig missing = new DatabaseConfig("jdbc:postgresql://db.example:5432/x", null, null, 1, "verify-full",
                dir.resolve("nope.pem").toString(), 1000, null);
        assertThatThrownBy(() -> DataSources.create(missing, "t"))
                .hasMessageContaining("DATABASE_SSL_ROOT_CERT").hasMessageContaining("scripts/fetch-rds-ca-bundle.sh");
        DatabaseConfig empty = new DatabaseConfig("jdbc:postgresql://db.example:5432/x", null, null, 1, "verify-full",
                "classpath:no/such/bundle.pem", 1000, null);
        assertThatThrownBy(() -> DataSources.create(empty, "t")).hasMessageContaining("does not exist");
    }

    @Test
    void shouldTrustTheCertificatesOfAPemBundle() throws Exception {
        Path pem = dir.resolve("ca.pem");
        Path store = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Test CA", "-ext", "bc:c", "-validity", "2",
                "-keystore", store.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit", "-file", pem.toString());
        Files.writeString(pem, Files.readString(pem) + Files.readString(pem)); // a bundle: several certificates, concatenated

        assertThat(TrustBundle.load(pem.toString())).hasSize(2);
        assertThat(TrustBundle.context(pem.toString()).getSocketFactory()).isNotNull();
        Files.writeString(pem, "not a certificate");
        assertThatThrownBy(() -> TrustBundle.load(pem.toString())).hasMessageContaining("DATABASE_SSL_ROOT_CERT");
    }

    @Test
    void shouldReadTheSecretAgain_onlyAfterARefresh() {
        AtomicInteger reads = new AtomicInteger();
        RotatingCredentials credentials = new RotatingCredentials(new DatabaseCredentials("app", "old"),
                () -> new DatabaseCredentials("app", "new-" + reads.incrementAndGet()));

        assertThat(credentials.getCredentials().getPassword()).isEqualTo("old");
        assertThat(credentials.getCredentials().getPassword()).isEqualTo("old");
        credentials.refresh();
        assertThat(credentials.getCredentials().getPassword()).isEqualTo("new-1");
        assertThat(credentials.getCredentials().getPassword()).isEqualTo("new-1");
        assertThat(reads).hasValue(1);
        assertThat(new DatabaseCredentials("app", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void shouldTellAnAuthenticationFailure_fromOtherFailures() {
        assertThat(RotatingDataSource.authenticationFailed(new SQLException("timeout", "08001",
                new SQLException("password authentication failed for user \"app\"", "28P01")))).isTrue();
        assertThat(RotatingDataSource.authenticationFailed(new SQLException("no pg_hba.conf entry", "28000"))).isTrue();
        assertThat(RotatingDataSource.authenticationFailed(new SQLException("connection refused", "08001"))).isFalse();
    }

    @Test
    void shouldBuildARotatingPool_onlyForSecretCredentials() {
        DatabaseConfig fixed = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/x", "u", "p", 1);
        DatabaseConfig fromSecret = fixed.withCredentials(new DatabaseCredentials("u", "p"), () -> new DatabaseCredentials("u", "q"));
        try (HikariDataSource a = DataSources.create(fixed, "fixed"); HikariDataSource b = DataSources.create(fromSecret, "secret")) {
            assertThat(a).isNotInstanceOf(RotatingDataSource.class);
            assertThat(b).isInstanceOf(RotatingDataSource.class);
            assertThat(b.getConnectionInitSql()).isEqualTo("set statement_timeout = 60000");
            assertThat(b.getDataSourceProperties()).containsEntry("sslmode", "disable");
        }
    }

    @Test
    void shouldTakeCredentialsFromTheSecret_andReadItAgainAfterARotation() {
        AtomicInteger reads = new AtomicInteger();
        String[] password = {"first"};
        SecretReader secrets = arn -> {
            assertThat(arn).isEqualTo("arn:aws:secretsmanager:us-east-1:1:secret:db");
            reads.incrementAndGet();
            return "{\"username\": \"app\", \"password\": \"" + password[0] + "\", \"engine\": \"postgres\"}";
        };
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/x",
                "DATABASE_SECRET_ARN", " arn:aws:secretsmanager:us-east-1:1:secret:db ");

        DatabaseConfig c = DatabaseConfig.fromEnv(env, secrets);
        password[0] = "rotated";

        assertThat(c.user()).isEqualTo("app");
        assertThat(c.password()).isEqualTo("first");
        assertThat(c.credentials().get()).isEqualTo(new DatabaseCredentials("app", "rotated"));
        assertThat(reads).hasValue(2);
        assertThat(DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/x", "DATABASE_USER", "u"),
                arn -> { throw new AssertionError("no secret to read"); }).user()).isEqualTo("u");
    }

    @Test
    void shouldNameTheSecret_whenItHoldsNoCredentials() {
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/x", "DATABASE_SECRET_ARN", "arn:s");

        assertThatThrownBy(() -> DatabaseConfig.fromEnv(env, arn -> "{\"username\": \"app\"}"))
                .hasMessage("secret arn:s must hold \"username\" and \"password\"");
        assertThatThrownBy(() -> DatabaseConfig.fromEnv(env, arn -> "app:secret")).hasMessage("secret arn:s is not JSON");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
