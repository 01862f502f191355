package dev.cobranca.core.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BancoDoBrasilBoletoIssuerTest {

    private static Beneficiary beneficiary(String convenio, String wallet) {
        return new Beneficiary("001", "9999", "99999", convenio, wallet, "Cobrança Exemplo Ltda", "11222333000181");
    }

    private static BoletoRequest request(long sequence, String amount, LocalDate dueDate) {
        return new BoletoRequest("debt-1", sequence, "John Doe", "11111111111", new BigDecimal(amount), dueDate);
    }

    // eduardocereto/pyboleto tests/test_banco_do_brasil.py: convênio 7777777, nosso número 87654, carteira 18,
    // 2952.95 due 2011-03-08.
    @Test
    void shouldIssuePyboletoExample() {
        var issuer = new BancoDoBrasilBoletoIssuer(beneficiary("7777777", "18"));

        Boleto boleto = issuer.issue(request(87654, "2952.95", LocalDate.of(2011, 3, 8)));

        assertThat(boleto.barcode()).isEqualTo("00196490000002952950000007777777000008765418");
        assertThat(DigitableLine.format(boleto.digitableLine()))
                .isEqualTo("00190.00009 07777.777009 00087.654182 6 49000000295295");
        assertThat(boleto.ourNumber()).isEqualTo("77777770000087654");
        Barcode decoded = Barcode.fromDigitableLine(boleto.digitableLine());
        assertThat(decoded.amount()).isEqualByComparingTo("2952.95");
        assertThat(decoded.dueDate(LocalDate.of(2011, 1, 1))).contains(LocalDate.of(2011, 3, 8));
    }

    // kivanio/brcobranca spec/brcobranca/boleto/banco_brasil_spec.rb, "convenio de 7 digitos e nosso numero de 10":
    // convênio 1238798, número 7777700168, carteira 18, 135.00 due 2008-02-03.
    @Test
    void shouldIssueBrcobrancaExample() {
        var issuer = new BancoDoBrasilBoletoIssuer(beneficiary("1238798", "18"));

        Boleto boleto = issuer.issue(request(7777700168L, "135.00", LocalDate.of(2008, 2, 3)));

        assertThat(boleto.barcode()).isEqualTo("00193377100000135000000001238798777770016818");
        assertThat(DigitableLine.format(boleto.digitableLine()))
                .isEqualTo("00190.00009 01238.798779 77700.168188 3 37710000013500");
        assertThat(boleto.ourNumber()).isEqualTo("12387987777700168");
    }

    @Test
    void shouldIssueSameBoleto_forSameCharge() {
        var issuer = new BancoDoBrasilBoletoIssuer(beneficiary("1234567", "17"));
        var req = request(42, "1000000.00", LocalDate.of(2022, 10, 12));

        assertThat(issuer.issue(req)).isEqualTo(issuer.issue(req));
    }

    @Test
    void shouldIssueAfterTheFactorRestart_andDecodeBack() {
        var issuer = new BancoDoBrasilBoletoIssuer(beneficiary("1234567", "17"));

        Boleto boleto = issuer.issue(request(1, "1000000.00", LocalDate.of(2026, 12, 1)));

        Barcode decoded = new Barcode(boleto.barcode());
        assertThat(decoded.freeField()).isEqualTo("0000001234567000000000117");
        assertThat(decoded.dueDateFactor()).isEqualTo(1000 + 647);
        assertThat(decoded.amount()).isEqualByComparingTo("1000000.00");
        assertThat(decoded.dueDate(LocalDate.of(2026, 11, 1))).contains(LocalDate.of(2026, 12, 1));
        assertThat(Barcode.fromDigitableLine(boleto.digitableLine())).isEqualTo(decoded);
    }

    @Test
    void shouldRejectBeneficiary_withClearMessages() {
        assertThatThrownBy(() -> new BancoDoBrasilBoletoIssuer(
                new Beneficiary("237", "9999", "99999", "1234567", "17", "X", "11222333000181")))
                .hasMessageContaining("bank code must be 001");
        assertThatThrownBy(() -> new BancoDoBrasilBoletoIssuer(beneficiary("123456", "17")))
                .hasMessageContaining("convênio must be a 7-digit convênio");
        assertThatThrownBy(() -> new BancoDoBrasilBoletoIssuer(beneficiary("1234567", "7")))
                .hasMessageContaining("carteira must be 2 digits");
        assertThatThrownBy(() -> new BancoDoBrasilBoletoIssuer(
                new Beneficiary("001", "9999", "99999", "1234567", "17", " ", "11222333000181")))
                .hasMessageContaining("name is required");
        assertThatThrownBy(() -> new BancoDoBrasilBoletoIssuer(
                new Beneficiary("001", "9999-6", "99999", "1234567", "17", "X", "11222333000181")))
                .hasMessageContaining("agency must be 1 to 4 digits");
    }

    @Test
    void shouldRejectRequests_thatCannotBeEncoded() {
        var issuer = new BancoDoBrasilBoletoIssuer(beneficiary("1234567", "17"));

        assertThatThrownBy(() -> issuer.issue(request(10_000_000_000L, "1.00", LocalDate.of(2026, 1, 1))))
                .hasMessageContaining("sequence must be 0..9999999999");
        assertThatThrownBy(() -> issuer.issue(request(1, "100000000.00", LocalDate.of(2026, 1, 1))))
                .hasMessageContaining("at most 99,999,999.99");
        assertThatThrownBy(() -> issuer.issue(request(1, "1.00", LocalDate.of(1999, 1, 1))))
                .hasMessageContaining("2000-07-03");
    }
}
