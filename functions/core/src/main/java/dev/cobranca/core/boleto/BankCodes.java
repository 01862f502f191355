package dev.cobranca.core.boleto;

/** Codes printed on a boleto that carry their own check digit: the bank code ("001-9") and agency/account. */
public final class BankCodes {

    private BankCodes() {
    }

    /**
     * The bank code with its módulo-11 digit, as in the boleto's header: {@code 001} → {@code 001-9},
     * {@code 237} → {@code 237-2}, {@code 748} → {@code 748-X}. Caixa prints {@code 104-0} by its own convention.
     */
    public static String withCheckDigit(String bankCode) {
        if ("104".equals(bankCode)) {
            return "104-0";
        }
        return bankCode + '-' + mod11Digit(bankCode);
    }

    /**
     * "Agência / código do beneficiário" as Banco do Brasil prints it: agency (4 digits) and account
     * (8 digits), each with its módulo-11 digit, e.g. {@code 9999-6 / 00099999-7}.
     */
    public static String agencyAndAccount(Beneficiary beneficiary) {
        String agency = leftPad(beneficiary.agency(), 4);
        String account = leftPad(beneficiary.account(), 8);
        return agency + '-' + mod11Digit(agency) + " / " + account + '-' + mod11Digit(account);
    }

    /** Banco do Brasil's módulo 11 for agency, account and bank code: 10 is printed X, 11 is 0. */
    static char mod11Digit(String digits) {
        int dv = 11 - CheckDigits.mod11Remainder(digits);
        return dv == 10 ? 'X' : dv == 11 ? '0' : (char) ('0' + dv);
    }

    static String leftPad(String digits, int length) {
        return digits.length() >= length ? digits : "0".repeat(length - digits.length()) + digits;
    }
}
