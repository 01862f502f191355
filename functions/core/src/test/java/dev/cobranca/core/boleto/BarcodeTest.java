package dev.cobranca.core.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarcodeTest {

    // Published Banco do Brasil boletos (barcode, linha digitável, amount, due date):
    //  - eduardocereto/pyboleto tests/test_banco_do_brasil.py (convênio 7777777, nosso número 87654, carteira 18)
    //  - kivanio/brcobranca spec/brcobranca/boleto/banco_brasil_spec.rb (convênio 1238798 and 7777777, carteira 18)
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "00196490000002952950000007777777000008765418, 00190.00009 07777.777009 00087.654182 6 49000000295295, 2952.95, 2011-03-08",
            "00193377100000135000000001238798777770016818, 00190.00009 01238.798779 77700.168188 3 37710000013500, 135.00, 2008-02-03",
            "00195377100000723560000001238798777770016818, 00190.00009 01238.798779 77700.168188 5 37710000072356, 723.56, 2008-02-03",
            "00194376900000723560000001238798777770016818, 00190.00009 01238.798779 77700.168188 4 37690000072356, 723.56, 2008-02-01",
            "00197556100002952950000007777777000008765418, 00190.00009 07777.777009 00087.654182 7 55610000295295, 2952.95, 2012-12-28",
    })
    void shouldMatchPublishedBoletos(String barcode, String line, BigDecimal amount, LocalDate dueDate) {
        Barcode parsed = Barcode.fromDigitableLine(line);

        assertThat(parsed.digits()).isEqualTo(barcode);
        assertThat(parsed.bankCode()).isEqualTo("001");
        assertThat(parsed.currency()).isEqualTo('9');
        assertThat(parsed.amount()).isEqualTo(amount);
        assertThat(parsed.dueDate(dueDate)).contains(dueDate);
        assertThat(DigitableLine.format(parsed.digitableLine())).isEqualTo(line);
        // and built forward from its parts
        assertThat(Barcode.of("001", DueDateFactor.of(dueDate), amount, parsed.freeField()).digits()).isEqualTo(barcode);
    }

    @Test
    void shouldCarryFactorAndCentsInFieldFive() {
        Barcode b = Barcode.of("001", DueDateFactor.of(LocalDate.of(2025, 2, 22)), new BigDecimal("99999999.99"),
                "0000001234567000000004217");

        assertThat(b.dueDateFactor()).isEqualTo(1000);
        assertThat(b.amount()).isEqualByComparingTo("99999999.99");
        assertThat(b.digitableLine()).endsWith("10009999999999");
        assertThat(b.dueDate(LocalDate.of(2026, 11, 1))).contains(LocalDate.of(2025, 2, 22));
        assertThat(b.freeField()).isEqualTo("0000001234567000000004217");
    }

    @Test
    void shouldRejectWrongGeneralCheckDigit() {
        assertThatThrownBy(() -> new Barcode("00195490000002952950000007777777000008765418"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("should be 6");
    }

    @Test
    void shouldRejectLine_whenAFieldCheckDigitIsWrong() {
        assertThatThrownBy(() -> Barcode.fromDigitableLine("00190.00009 07777.777009 00087.654183 6 49000000295295"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 3");
        assertThatThrownBy(() -> Barcode.fromDigitableLine("00190.00008 07777.777009 00087.654182 6 49000000295295"))
                .hasMessageContaining("field 1");
        assertThatThrownBy(() -> Barcode.fromDigitableLine("00190.00009 07777.777019 00087.654182 6 49000000295295"))
                .hasMessageContaining("field 2");
        // a swapped digit in field 5 is caught by the general digit
        assertThatThrownBy(() -> Barcode.fromDigitableLine("00190.00009 07777.777009 00087.654182 6 49000000295259"))
                .hasMessageContaining("check digit");
        assertThatThrownBy(() -> Barcode.fromDigitableLine("00190.00009 07777"))
                .hasMessageContaining("47 digits");
    }

    @Test
    void shouldRejectAmountsABoletoCannotCarry() {
        String free = "0000001234567000000004217";
        assertThatThrownBy(() -> Barcode.of("001", 1000, new BigDecimal("100000000.00"), free))
                .hasMessageContaining("at most 99,999,999.99");
        assertThatThrownBy(() -> Barcode.of("001", 1000, new BigDecimal("1.005"), free))
                .hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Barcode.of("001", 1000, BigDecimal.ZERO, free))
                .hasMessageContaining("more than zero");
        assertThat(Barcode.of("001", 1000, new BigDecimal("7811"), free).amount()).isEqualByComparingTo("7811.00");
    }

    @Test
    void shouldFormatLineInFiveGroups() {
        assertThat(DigitableLine.format("00190000090123879877977700168188337710000013500"))
                .isEqualTo("00190.00009 01238.798779 77700.168188 3 37710000013500");
    }
}
