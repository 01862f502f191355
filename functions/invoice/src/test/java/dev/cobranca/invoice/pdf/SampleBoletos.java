package dev.cobranca.invoice.pdf;

import dev.cobranca.core.boleto.BancoDoBrasilBoletoIssuer;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.core.boleto.Boleto;
import dev.cobranca.core.boleto.BoletoRequest;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Boletos for the PDF tests and the benchmark. */
final class SampleBoletos {

    static final Beneficiary BENEFICIARY = new Beneficiary(
            "001", "1234", "56789", "1234567", "17", "Cobrança Exemplo Serviços Financeiros Ltda", "11222333000181");
    static final BancoDoBrasilBoletoIssuer ISSUER = new BancoDoBrasilBoletoIssuer(BENEFICIARY);

    private SampleBoletos() {
    }

    static Boleto boleto(long sequence, String payerName, String governmentId, String amount, LocalDate dueDate) {
        return ISSUER.issue(new BoletoRequest("1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca", sequence, payerName,
                governmentId, new BigDecimal(amount), dueDate));
    }

    static Boleto johnDoe() {
        return boleto(4217, "John Doe", "12345678901", "1000000.00", LocalDate.of(2022, 10, 12));
    }
}
