package dev.cobranca.core.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckDigitsTest {

    // Fields and their digits taken from published linhas digitáveis:
    // eduardocereto/pyboleto tests/test_banco_do_brasil.py ("00190.00009 07777.777009 00087.654182 ...") and
    // kivanio/brcobranca spec/brcobranca/boleto/banco_brasil_spec.rb ("00190.00009 01238.798779 77700.168188 ...",
    // "00191.23876 90123.440423 00061.900189 ...").
    @ParameterizedTest(name = "mod10({0}) = {1}")
    @CsvSource({
            "001900000, 9",
            "0777777700, 9",
            "0008765418, 2",
            "0123879877, 9",
            "7770016818, 8",
            "001912387, 6",
            "9012344042, 3",
            "0006190018, 9",
            "0, 0",
            "5, 9",     // 5 x 2 = 10, whose digits sum to 1
            "9, 1",     // 9 x 2 = 18 -> 1 + 8 = 9
    })
    void shouldComputeModulo10_likePublishedLines(String field, int expected) {
        assertThat(CheckDigits.mod10(field)).isEqualTo(expected);
    }

    // 43 digits (the barcode without position 5) and the published general check digit (position 5).
    // The last two rows are boletos whose digit is 1 (kivanio/brcobranca banco_brasil_spec.rb: convênio of 4 and
    // of 8 digits).
    @ParameterizedTest(name = "barcode digit of {0} = {1}")
    @CsvSource({
            "0019490000002952950000007777777000008765418, 6",
            "0019377100000135000000001238798777770016818, 3",
            "0019377100000723560000001238798777770016818, 5",
            "0019376900000723560000001238798777770016818, 4",
            "0019556100002952950000007777777000008765418, 7",
            "0019376900000135001238012345640420006190018, 1",
            "0019556100002952950000007777777800008765418, 1",
    })
    void shouldComputeBarcodeDigit_likePublishedBarcodes(String digits43, int expected) {
        assertThat(CheckDigits.barcodeDigit(digits43)).isEqualTo(expected);
    }

    @Test
    void shouldNeverGiveZero_whenModulo11LeavesZeroOneOrTen() {
        // remainder 0 -> 11, remainder 1 -> 10: both become 1; remainder 10 -> 1 naturally
        assertThat(CheckDigits.mod11Remainder("0")).isZero();
        assertThat(CheckDigits.barcodeDigit("0")).isEqualTo(1);
        assertThat(CheckDigits.mod11Remainder("6")).isEqualTo(1);          // 6 x 2 = 12
        assertThat(CheckDigits.barcodeDigit("6")).isEqualTo(1);
        assertThat(CheckDigits.mod11Remainder("5")).isEqualTo(10);         // 5 x 2 = 10
        assertThat(CheckDigits.barcodeDigit("5")).isEqualTo(1);
        assertThat(CheckDigits.barcodeDigit("4")).isEqualTo(3);            // 11 - 8
    }

    @Test
    void shouldCycleWeightsFrom2To9_fromTheRight() {
        // nine ones weigh 2+3+4+5+6+7+8+9+2 = 46; 46 % 11 = 2
        assertThat(CheckDigits.mod11Remainder("111111111")).isEqualTo(2);
    }

    @Test
    void shouldRejectNonDigits() {
        assertThatThrownBy(() -> CheckDigits.mod10("12a4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 3");
    }
}
