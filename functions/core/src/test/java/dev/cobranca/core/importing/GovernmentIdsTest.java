package dev.cobranca.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CPF check digits (Receita Federal's modulo-11 rule, weights 10..2 then 11..2) and CNPJ's (5..2 9..2, 6..2 9..2). */
class GovernmentIdsTest {

    @Test
    void shouldCompleteACpfWithTheCheckDigitsTheValidatorAccepts() {
        assertThat(GovernmentIds.withCpfCheckDigits("529982247")).isEqualTo("52998224725");
        assertThat(GovernmentIds.withCpfCheckDigits("111444777")).isEqualTo("11144477735");
        for (int i = 0; i < 1_000; i++) {
            String cpf = GovernmentIds.withCpfCheckDigits("%09d".formatted(100_000_000 + i * 7_919L));
            assertThat(GovernmentIds.hasValidCheckDigits(cpf)).as(cpf).isTrue();
        }
    }

    @Test
    void shouldRefuseWrongCheckDigitsAndRepeatedDigits() {
        assertThat(GovernmentIds.hasValidCheckDigits("52998224724")).isFalse();
        assertThat(GovernmentIds.hasValidCheckDigits("11111111111")).isFalse();
        assertThat(GovernmentIds.hasValidCheckDigits("11222333000181")).isTrue();
        assertThat(GovernmentIds.hasValidCheckDigits("11222333000182")).isFalse();
    }
}
