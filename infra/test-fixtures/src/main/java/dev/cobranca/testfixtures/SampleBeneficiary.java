package dev.cobranca.testfixtures;

import dev.cobranca.core.boleto.Beneficiary;
import java.util.HashMap;
import java.util.Map;

/**
 * The beneficiary the tests' boletos and remessas are issued for (Banco do Brasil, a 7-digit convênio, carteira 17),
 * as a record and as the {@code BOLETO_*} / {@code BENEFICIARY_*} environment template.yaml gives the functions.
 */
public final class SampleBeneficiary {

    public static final Beneficiary BENEFICIARY = new Beneficiary("001", "1234", "56789", "1234567", "17",
            "Cobrança Exemplo Ltda", "11222333000181");

    private SampleBeneficiary() {
    }

    /** A new, changeable map: a test adds the rest of its function's environment. */
    public static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BOLETO_BANK_CODE", BENEFICIARY.bankCode());
        env.put("BOLETO_AGENCY", BENEFICIARY.agency());
        env.put("BOLETO_ACCOUNT", BENEFICIARY.account());
        env.put("BOLETO_CONVENIO", BENEFICIARY.convenio());
        env.put("BOLETO_WALLET", BENEFICIARY.wallet());
        env.put("BENEFICIARY_NAME", BENEFICIARY.name());
        env.put("BENEFICIARY_CNPJ", BENEFICIARY.cnpj());
        return env;
    }
}
