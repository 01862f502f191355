package dev.cobranca.core.bank.bb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** BB's módulo 11 for agency and account check digits (weights 5-4-3-2 for an agency, 9…2 for an account). */
class BancoDoBrasilCheckDigitsTest {

    @Test
    void agency() {
        // 1·5 + 2·4 + 3·3 + 4·2 = 30; 30 mod 11 = 8; 11 − 8 = 3
        assertThat(BancoDoBrasilCheckDigits.of("1234")).isEqualTo("3");
        // 0·5 + 0·4 + 0·3 + 5·2 = 10; 11 − 10 = 1
        assertThat(BancoDoBrasilCheckDigits.of("0005")).isEqualTo("1");
    }

    @Test
    void account_tenIsX_elevenIsZero() {
        // 5·6 + 6·5 + 7·4 + 8·3 + 9·2 = 130; 130 mod 11 = 9; 11 − 9 = 2
        assertThat(BancoDoBrasilCheckDigits.of("00056789")).isEqualTo("2");
        // 1·2 = 2 → 9; 5·2 = 10 → 1; 1·3 + 0·2 = 3 → 8; 6·2 = 12, remainder 1 → 10 → X; 0 → 11 → 0
        assertThat(BancoDoBrasilCheckDigits.of("6")).isEqualTo("X");
        assertThat(BancoDoBrasilCheckDigits.of("0")).isEqualTo("0");
    }
}
