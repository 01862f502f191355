package dev.cobranca.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.boleto.DigitableLine;
import dev.cobranca.email.ChargeStore.ClaimedCharge;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoletoEmailTest {

    private static ClaimedCharge charge(String name, String amount) {
        return new ClaimedCharge("1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca", UUID.randomUUID(), name, "johndoe@kanastra.com.br",
                new BigDecimal(amount), InMemoryChargeStore.DUE, InMemoryChargeStore.LINE, "invoices/x.pdf");
    }

    @Test
    void shouldWriteInPortuguese_withAmountDateAndLinhaAsABrazilianReadsThem() {
        Email email = BoletoEmail.compose(charge("John Doe", "1000000.00"), new byte[] {1});

        assertThat(email.to()).isEqualTo("johndoe@kanastra.com.br");
        assertThat(email.subject()).isEqualTo("Boleto de cobrança: R$ 1.000.000,00 com vencimento em 12/10/2026");
        assertThat(email.text())
                .startsWith("Olá, John Doe,")
                .contains("Valor: R$ 1.000.000,00")
                .contains("Vencimento: 12/10/2026")
                .contains("Linha digitável: " + DigitableLine.format(InMemoryChargeStore.LINE))
                .contains("boleto-1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca.pdf");
        assertThat(DigitableLine.format(InMemoryChargeStore.LINE)).matches("\\d{5}\\.\\d{5} \\d{5}\\.\\d{6} \\d{5}\\.\\d{6} \\d \\d{14}");
        assertThat(email.html()).contains("<html lang=\"pt-BR\">").contains("<strong>R$ 1.000.000,00</strong>")
                .contains("12/10/2026");
        assertThat(email.attachmentName()).isEqualTo("boleto-1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca.pdf");
    }

    @Test
    void shouldFormatSmallAndOddAmounts() {
        assertThat(BoletoEmail.reais(new BigDecimal("7811"))).isEqualTo("R$ 7.811,00");
        assertThat(BoletoEmail.reais(new BigDecimal("0.5"))).isEqualTo("R$ 0,50");
        assertThat(BoletoEmail.reais(new BigDecimal("99999999.99"))).isEqualTo("R$ 99.999.999,99");
    }

    @Test
    void shouldEscapeTheNameInHtml() {
        Email email = BoletoEmail.compose(charge("Zé <b>\"Bomba\"</b> & Cia", "10.00"), new byte[] {1});

        assertThat(email.html()).contains("Olá, Zé &lt;b&gt;&quot;Bomba&quot;&lt;/b&gt; &amp; Cia,").doesNotContain("<b>");
        assertThat(email.text()).contains("Olá, Zé <b>\"Bomba\"</b> & Cia,");
    }
}
