package dev.cobranca.email;

import dev.cobranca.core.boleto.DigitableLine;
import dev.cobranca.email.ChargeStore.ClaimedCharge;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The e-mail a debtor receives, in Portuguese: who, how much, until when, the linha digitável, and the boleto attached. */
public final class BoletoEmail {

    private static final Locale PT_BR = Locale.of("pt", "BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", PT_BR);

    private BoletoEmail() {
    }

    public static String attachmentName(String debtId) {
        return "boleto-" + debtId + ".pdf";
    }

    public static Email compose(ClaimedCharge charge, byte[] pdf) {
        String amount = reais(charge.amount());
        String dueDate = DATE.format(charge.dueDate());
        String line = DigitableLine.format(charge.digitableLine());
        String attachment = attachmentName(charge.debtId());
        String subject = "Boleto de cobrança: " + amount + " com vencimento em " + dueDate;
        String text = """
                Olá, %s,

                Segue o boleto da sua cobrança.

                Valor: %s
                Vencimento: %s
                Linha digitável: %s

                O boleto está anexado a este e-mail (%s). Você pode pagá-lo no aplicativo do seu banco, \
                com a linha digitável ou o código de barras.

                Se o pagamento já foi feito, por favor desconsidere esta mensagem.

                Atenciosamente,
                Cobrança
                """.formatted(charge.name(), amount, dueDate, line, attachment);
        String html = """
                <!DOCTYPE html>
                <html lang="pt-BR">
                <head><meta charset="UTF-8"><title>%s</title></head>
                <body style="font-family: Arial, Helvetica, sans-serif; color: #222;">
                <p>Olá, %s,</p>
                <p>Segue o boleto da sua cobrança.</p>
                <table style="border-collapse: collapse;">
                <tr><td style="padding: 2px 12px 2px 0;">Valor:</td><td><strong>%s</strong></td></tr>
                <tr><td style="padding: 2px 12px 2px 0;">Vencimento:</td><td><strong>%s</strong></td></tr>
                <tr><td style="padding: 2px 12px 2px 0;">Linha digitável:</td><td><code>%s</code></td></tr>
                </table>
                <p>O boleto está anexado a este e-mail (%s). Você pode pagá-lo no aplicativo do seu banco, \
                com a linha digitável ou o código de barras.</p>
                <p>Se o pagamento já foi feito, por favor desconsidere esta mensagem.</p>
                <p>Atenciosamente,<br>Cobrança</p>
                </body>
                </html>
                """.formatted(escape(subject), escape(charge.name()), escape(amount), dueDate, line, escape(attachment));
        return new Email(charge.email(), charge.name(), subject, text, html, attachment, pdf, charge.debtId());
    }

    /** {@code 1234567.8} → {@code R$ 1.234.567,80}. */
    public static String reais(BigDecimal amount) {
        // A new format per call: DecimalFormat is not thread-safe, and this is cheap next to an SMTP round trip.
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(PT_BR));
        return "R$ " + format.format(amount);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
