package dev.cobranca.core.bank.bb;

import dev.cobranca.core.boleto.CheckDigits;

/**
 * Banco do Brasil's check digit of an agency or an account number ("DV"), which every CNAB header and detail
 * repeats: módulo 11 with weights 2 to 9 from the right; 11 minus the remainder, where 10 is written X and 11 is 0.
 * For configuration that gives only the numbers; a DV the bank printed on the contract always wins.
 */
public final class BancoDoBrasilCheckDigits {

    private BancoDoBrasilCheckDigits() {
    }

    /** @param digits the agency (4 digits) or the account (up to 8), digits only */
    public static String of(String digits) {
        int dv = 11 - CheckDigits.mod11Remainder(digits);
        return dv == 10 ? "X" : dv == 11 ? "0" : String.valueOf(dv);
    }
}
