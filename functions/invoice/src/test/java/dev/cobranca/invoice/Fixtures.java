package dev.cobranca.invoice;

import dev.cobranca.core.boleto.BancoDoBrasilBoletoIssuer;
import dev.cobranca.core.boleto.Beneficiary;
import java.util.HashMap;
import java.util.Map;

final class Fixtures {

    static final Beneficiary BENEFICIARY = new Beneficiary("001", "1234", "56789", "1234567", "17",
            "Cobrança Exemplo Ltda", "11222333000181");

    private Fixtures() {
    }

    static BancoDoBrasilBoletoIssuer issuer() {
        return new BancoDoBrasilBoletoIssuer(BENEFICIARY);
    }

    /** The environment template.yaml gives InvoiceFunction, with local values. */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/cobranca");
        env.put("BUCKET_NAME", "cobranca-uploads");
        env.put("EMAIL_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/cobranca-EmailQueue");
        env.put("BOLETO_BANK_CODE", "001");
        env.put("BOLETO_AGENCY", "1234");
        env.put("BOLETO_ACCOUNT", "56789");
        env.put("BOLETO_CONVENIO", "1234567");
        env.put("BOLETO_WALLET", "17");
        env.put("BENEFICIARY_NAME", "Cobrança Exemplo Ltda");
        env.put("BENEFICIARY_CNPJ", "11222333000181");
        return env;
    }
}
