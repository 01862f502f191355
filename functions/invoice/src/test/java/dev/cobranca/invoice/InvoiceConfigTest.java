package dev.cobranca.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class InvoiceConfigTest {

    @Test
    void shouldReadTheBeneficiaryAndResources_fromTheEnvironment() {
        InvoiceConfig config = InvoiceConfig.fromEnv(Fixtures.env());

        assertThat(config.beneficiary()).isEqualTo(Fixtures.BENEFICIARY);
        assertThat(config.bucket()).isEqualTo("cobranca-uploads");
        assertThat(config.forcePathStyle()).isFalse();
        assertThat(config.emailQueueUrl()).endsWith("/cobranca-EmailQueue");
        assertThat(config.database().poolSize()).isEqualTo(2);
    }

    @Test
    void shouldNameTheVariable_whenTheConvenioIsNotSevenDigits() {
        Map<String, String> env = Fixtures.env();
        env.put("BOLETO_CONVENIO", "12345");

        assertThatThrownBy(() -> InvoiceConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BOLETO_CONVENIO").hasMessageContaining("'12345'");
    }

    @Test
    void shouldRefuseAnotherBank_becauseOnlyBancoDoBrasilIsIssued() {
        Map<String, String> env = Fixtures.env();
        env.put("BOLETO_BANK_CODE", "237");

        assertThatThrownBy(() -> InvoiceConfig.fromEnv(env)).hasMessageContaining("BOLETO_BANK_CODE must be 001");
    }

    @Test
    void shouldNameEachMissingVariable() {
        for (String name : new String[] {"EMAIL_QUEUE_URL", "BUCKET_NAME", "BENEFICIARY_NAME", "BENEFICIARY_CNPJ",
                "BOLETO_AGENCY", "BOLETO_ACCOUNT", "BOLETO_WALLET", "DATABASE_URL"}) {
            Map<String, String> env = Fixtures.env();
            env.remove(name);
            assertThatThrownBy(() -> InvoiceConfig.fromEnv(env)).as(name).hasMessageContaining(name);
        }
    }

    @Test
    void shouldRejectAPathStyleFlagThatIsNotABoolean() {
        Map<String, String> env = Fixtures.env();
        env.put("S3_FORCE_PATH_STYLE", "yes");

        assertThatThrownBy(() -> InvoiceConfig.fromEnv(env)).hasMessage("S3_FORCE_PATH_STYLE must be true or false, got 'yes'.");
    }

    static final java.util.List<String> REQUIRED = InvoiceConfig.REQUIRED;

    @ParameterizedTest
    @FieldSource("REQUIRED")
    void shouldNameTheVariable_whenARequiredOneIsMissing(String name) {
        Map<String, String> env = Fixtures.env();
        assertThat(env).as("the fixture sets every required variable").containsKey(name);
        env.remove(name);

        assertThatThrownBy(() -> InvoiceConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }
}
