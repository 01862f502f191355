package dev.cobranca.core.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankCodesTest {

    @Test
    void shouldPrintBankCodesWithTheirDigit() {
        assertThat(BankCodes.withCheckDigit("001")).isEqualTo("001-9");
        assertThat(BankCodes.withCheckDigit("237")).isEqualTo("237-2");
        assertThat(BankCodes.withCheckDigit("341")).isEqualTo("341-7");
        assertThat(BankCodes.withCheckDigit("748")).isEqualTo("748-X");
        assertThat(BankCodes.withCheckDigit("104")).isEqualTo("104-0");
    }

    // kivanio/brcobranca spec/brcobranca/boleto/banco_brasil_spec.rb ("Montar agencia_conta_boleto") and
    // spec for the 7777777 example ("9999-6 / 00099999-7").
    @Test
    void shouldPrintAgencyAndAccount_likeBancoDoBrasil() {
        assertThat(BankCodes.agencyAndAccount(beneficiary("9999", "99999"))).isEqualTo("9999-6 / 00099999-7");
        assertThat(BankCodes.agencyAndAccount(beneficiary("4042", "61900"))).isEqualTo("4042-8 / 00061900-0");
        assertThat(BankCodes.agencyAndAccount(beneficiary("548", "1448"))).isEqualTo("0548-7 / 00001448-6");
    }

    private static Beneficiary beneficiary(String agency, String account) {
        return new Beneficiary("001", agency, account, "1234567", "17", "X", "11222333000181");
    }
}
