package dev.cobranca.invoice.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BoletoTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.01|R$ 0,01",
            "1|R$ 1,00",
            "999.99|R$ 999,99",
            "1000|R$ 1.000,00",
            "7811|R$ 7.811,00",
            "123456.7|R$ 123.456,70",
            "1000000.00|R$ 1.000.000,00",
            "99999999.99|R$ 99.999.999,99",
    })
    void shouldWriteAmountsInBrazilianFormat(BigDecimal amount, String expected) {
        assertThat(BoletoText.amount(amount)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "12345678901|***.456.789-**",
            "123.456.789-01|***.456.789-**",
            "11222333000181|**.222.333/0001-**",
            "1234|****",
            "12345678|***456**",
            "1|*",
    })
    void shouldMaskPayerDocuments(String id, String expected) {
        assertThat(BoletoText.maskedDocument(id)).isEqualTo(expected);
    }

    @Test
    void shouldWriteDatesAndCnpj() {
        assertThat(BoletoText.date(LocalDate.of(2022, 10, 2))).isEqualTo("02/10/2022");
        assertThat(BoletoText.cnpj("11222333000181")).isEqualTo("11.222.333/0001-81");
    }

    @Test
    void shouldKeepPortugueseAndReplaceWhatWinAnsiLacks() {
        assertThat(WinAnsiText.sanitize("João Conceição Müller")).isEqualTo("João Conceição Müller");
        assertThat(WinAnsiText.sanitize("Łódź Ő 李")).isEqualTo("?ódz O ?");
        assertThat(WinAnsiText.sanitize("a\tb\nc")).isEqualTo("a b c");
    }
}
