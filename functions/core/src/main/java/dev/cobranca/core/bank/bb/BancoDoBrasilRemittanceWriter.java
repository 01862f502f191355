package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.Payer;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceHeader;
import dev.cobranca.core.bank.RemittanceSummary;
import dev.cobranca.core.bank.RemittanceTitle;
import dev.cobranca.core.bank.RemittanceWriter;
import dev.cobranca.core.bank.TitleTerms;
import dev.cobranca.core.bank.cnab240.Cnab240Record;
import dev.cobranca.core.bank.cnab240.CnabText;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Banco do Brasil's CNAB 240 remessa (cobrança, lote de serviço 01) for a 7-digit convênio: per title a segment
 * P (command 01, entrada de título), a segment Q (the payer) and, when a fine or a discount applies, a segment R.
 * Records are 240 upper case ASCII characters ending in CRLF.
 *
 * <p>BB requires in the headers the convênio block (convênio, "0014", carteira, variação), the agency and account
 * with their check digits and the beneficiary's CNPJ; in P the 17-digit nosso número (convênio + complemento),
 * due date and amount; in Q the payer's CPF/CNPJ and name. The payer's address, CEP, city and UF are written when
 * known and left blank (CEP zeros) otherwise.
 */
public final class BancoDoBrasilRemittanceWriter implements RemittanceWriter {

    /** "Código de movimento remessa" 01: entrada de título. */
    public static final String ENTRY = "01";

    @Override
    public RemittanceFile open(Writer out, RemittanceHeader header) {
        if (out == null || header == null) {
            throw new IllegalArgumentException("a writer and a header are required");
        }
        BancoDoBrasilAccount account = BancoDoBrasilAccount.of(header.beneficiary(), header.agencyDigit(),
                header.accountDigit(), header.walletVariation());
        TitleTerms terms = header.terms() == null ? TitleTerms.NONE : header.terms();
        return new File(out, account, header.nsa(), header.generatedAt(), terms);
    }

    private static final class File extends BancoDoBrasilFileWriter implements RemittanceFile {

        private final TitleTerms terms;
        private final boolean segmentR;
        /** P pos 58 "código da carteira": BB asks 7 for carteira 17 "simples", 1 for 11/12 simples. */
        private final String walletCode;
        private final LocalDate generatedOn;

        File(Writer out, BancoDoBrasilAccount account, long nsa, LocalDateTime at, TitleTerms terms) {
            super(out, account, BancoDoBrasilLayout.REMESSA, nsa, at, terms.hasFine() || terms.hasDiscount() ? 3 : 2);
            this.terms = terms;
            this.segmentR = terms.hasFine() || terms.hasDiscount();
            this.walletCode = "17".equals(account.wallet()) ? "7" : "1";
            this.generatedOn = at.toLocalDate();
        }

        @Override
        public void add(RemittanceTitle title) {
            validate(title);
            startTitle(title.amount());
            segmentP(title);
            segmentQ(title);
            if (segmentR) {
                segmentR(title);
            }
        }

        @Override
        public RemittanceSummary finish() {
            finishFile();
            return new RemittanceSummary(titles(), records(), total());
        }

        /** FEBRABAN 240 §"Registro Detalhe - Segmento P (Obrigatório - Remessa)". */
        private void segmentP(RemittanceTitle t) {
            BancoDoBrasilAccount a = account();
            LocalDate due = t.dueDate();
            Cnab240Record r = detail('P', ENTRY)
                    .digits(18, 22, a.agency())
                    .literal(23, 23, a.agencyDigit())
                    .digits(24, 35, a.account())
                    .literal(36, 36, a.accountDigit())
                    .literal(38, 57, t.nossoNumero())
                    .literal(58, 58, walletCode)
                    .literal(59, 59, "1")    // forma de cadastramento: com cadastramento (registered)
                    .literal(60, 60, "1")    // tipo de documento: tradicional
                    .literal(61, 61, "2")    // emissão do boleto: the beneficiary prints it
                    .literal(62, 62, "2")    // distribuição: the beneficiary sends it
                    .text(63, 77, t.documentNumber())
                    .date(78, 85, due)
                    .amount(86, 100, t.amount())
                    .zeros(101, 106)         // agência cobradora: chosen by the bank
                    .literal(107, 108, "02") // espécie: duplicata mercantil (DM), as the boleto prints
                    .literal(109, 109, "N")  // aceite: não
                    .date(110, 117, t.issueDate() == null ? generatedOn : t.issueDate());
            if (terms.hasInterest()) {
                r.literal(118, 118, "2").date(119, 126, due.plusDays(1)).amount(127, 141, terms.monthlyInterestPercent());
            } else {
                r.literal(118, 118, "3").zeros(119, 141); // isento
            }
            if (terms.hasDiscount()) {
                r.literal(142, 142, "1")
                        .date(143, 150, due.minusDays(terms.discountDaysBeforeDue()))
                        .amount(151, 165, terms.discountAmount());
            } else {
                r.literal(142, 142, "0").zeros(143, 165);
            }
            r.zeros(166, 195)                  // IOF, abatimento
                    .text(196, 220, t.documentNumber())
                    .literal(221, 221, "3")      // não protestar
                    .zeros(222, 223);
            if (terms.writeOffAfterDays() > 0) {
                r.literal(224, 224, "1").number(225, 227, terms.writeOffAfterDays());
            } else {
                r.literal(224, 224, "0").zeros(225, 227); // the convênio's own term
            }
            r.literal(228, 229, "09")          // real
                    .zeros(230, 239);
            write();
        }

        /**
         * FEBRABAN 240 §"Registro Detalhe - Segmento Q (Obrigatório - Remessa)": 11.3Q endereço 74-113 (40), 12.3Q
         * bairro 114-128 (15), 13.3Q CEP 129-133 and 14.3Q sufixo 134-136, 15.3Q cidade 137-151 (15), 16.3Q UF
         * 152-153. The address comes from the upload's optional columns, kept whole there and cut here to each
         * field's width (alphanumeric fields left-aligned, upper case without accents, as BB's "Particularidades BB -
         * Leiaute CNAB 240" asks). BB checks these fields at registration: its retorno refuses a title with reason
         * 47 (endereço do pagador não informado), 48 (CEP inválido), 51 (CEP incompatível com a UF) or 52 (UF
         * inválida), so an upload without the columns registers only where the convênio takes a blank address
         * (spaces, CEP zeros): a question for the bank when the convênio is agreed, not for this file.
         */
        private void segmentQ(RemittanceTitle t) {
            Payer p = t.payer();
            String zip = CnabText.digits(p.zipCode());
            detail('Q', ENTRY)
                    .number(18, 18, p.documentType())
                    .digits(19, 33, p.document())
                    .text(34, 73, p.name())
                    .text(74, 113, p.address())
                    .text(114, 128, p.district())
                    .digits(129, 136, zip.length() == 8 ? zip : "")
                    .text(137, 151, p.city())
                    .text(152, 153, p.state())
                    .literal(154, 154, "0")      // no sacador/avalista
                    .zeros(155, 169)
                    .zeros(210, 212);
            write();
        }

        /** FEBRABAN 240 §"Registro Detalhe - Segmento R (Opcional - Remessa)": the fine (multa). */
        private void segmentR(RemittanceTitle t) {
            Cnab240Record r = detail('R', ENTRY)
                    .literal(18, 18, "0").zeros(19, 41)   // desconto 2: none
                    .literal(42, 42, "0").zeros(43, 65);  // desconto 3: none
            if (terms.hasFine()) {
                r.literal(66, 66, "2").date(67, 74, t.dueDate().plusDays(1)).amount(75, 89, terms.finePercent());
            } else {
                r.literal(66, 66, "0").zeros(67, 89);
            }
            r.zeros(200, 230);
            write();
        }

        private void validate(RemittanceTitle t) {
            if (t == null) {
                throw new IllegalArgumentException("title is required");
            }
            String nn = t.nossoNumero();
            if (nn == null || nn.length() != 17 || !CnabText.digits(nn).equals(nn) || !nn.startsWith(account().convenio())) {
                throw new IllegalArgumentException("nosso número must be 17 digits starting with the convênio "
                        + account().convenio() + ", was " + (nn == null ? "missing" : "'" + nn + "'"));
            }
            if (t.dueDate() == null) {
                throw new IllegalArgumentException("due date is missing for nosso número " + nn);
            }
            BigDecimal amount = t.amount();
            if (amount == null || amount.signum() <= 0 || amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2
                    || amount.compareTo(MAX_AMOUNT) > 0) {
                throw new IllegalArgumentException("amount must be positive, with at most 2 decimals and 13 integer digits, was "
                        + (amount == null ? "missing" : amount.toPlainString()) + " for nosso número " + nn);
            }
            Payer p = t.payer();
            if (p == null || p.document() == null || !(p.document().length() == 11 || p.document().length() == 14)
                    || !CnabText.digits(p.document()).equals(p.document())) {
                throw new IllegalArgumentException("payer CPF (11 digits) or CNPJ (14 digits) is required for nosso número " + nn);
            }
            if (p.name() == null || p.name().isBlank()) {
                throw new IllegalArgumentException("payer name is required for nosso número " + nn);
            }
        }

        private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");
    }
}
