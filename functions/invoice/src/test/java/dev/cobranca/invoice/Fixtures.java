package dev.cobranca.invoice;

import dev.cobranca.core.boleto.BancoDoBrasilBoletoIssuer;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.testfixtures.SampleBeneficiary;
import java.util.HashMap;
import java.util.Map;

final class Fixtures {

    static final Beneficiary BENEFICIARY = SampleBeneficiary.BENEFICIARY;

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
        env.putAll(SampleBeneficiary.env());
        return env;
    }
}
