package dev.cobranca.invoice.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** How the boleto's values are written: pt-BR amounts and dates, CNPJ, masked payer documents. */
final class BoletoText {

    private BoletoText() {
    }

    /** {@code 1000000.00} → {@code R$ 1.000.000,00}. */
    static String amount(BigDecimal amount) {
        String plain = amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        int dot = plain.length() - 3;
        String integer = plain.substring(0, dot);
        StringBuilder sb = new StringBuilder(plain.length() + 8).append("R$ ");
        int lead = integer.length() % 3 == 0 ? 3 : integer.length() % 3;
        sb.append(integer, 0, lead);
        for (int i = lead; i < integer.length(); i += 3) {
            sb.append('.').append(integer, i, i + 3);
        }
        return sb.append(',').append(plain, dot + 1, plain.length()).toString();
    }

    /** {@code dd/MM/yyyy}. */
    static String date(LocalDate date) {
        return "%02d/%02d/%04d".formatted(date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    /** {@code 11222333000181} → {@code 11.222.333/0001-81}; anything that is not 14 digits is printed as given. */
    static String cnpj(String digits) {
        if (digits == null || digits.length() != 14) {
            return digits == null ? "" : digits;
        }
        return digits.substring(0, 2) + '.' + digits.substring(2, 5) + '.' + digits.substring(5, 8) + '/'
                + digits.substring(8, 12) + '-' + digits.substring(12);
    }

    /**
     * The payer's CPF/CNPJ, masked so the boleto (which travels by e-mail) never carries it whole:
     * a CPF shows its middle six digits ({@code ***.456.789-**}), a CNPJ its middle eight
     * ({@code **.345.678/0001-**}); other ids hide their first three and last two digits, and ids of five
     * digits or fewer are hidden entirely.
     */
    static String maskedDocument(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        String d = id.replaceAll("[^0-9]", "");
        int n = d.length();
        if (n == 11) {
            return "***." + d.substring(3, 6) + '.' + d.substring(6, 9) + "-**";
        }
        if (n == 14) {
            return "**." + d.substring(2, 5) + '.' + d.substring(5, 8) + '/' + d.substring(8, 12) + "-**";
        }
        if (n <= 5) {
            return "*".repeat(Math.max(n, 1));
        }
        return "***" + d.substring(3, n - 2) + "**";
    }
}
