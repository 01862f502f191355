package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.ReturnWriter;
import dev.cobranca.core.bank.cnab240.CnabText;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Writes Banco do Brasil CNAB 240 retornos as the bank sends them: file and lot headers (pos 143 = 2, operation T),
 * a segment T and a segment U per occurrence, lot and file trailers. For the local bank and for test fixtures.
 */
public final class BancoDoBrasilReturnWriter implements ReturnWriter {

    @Override
    public ReturnFile open(Writer out, ReturnFileHeader header) {
        if (out == null || header == null) {
            throw new IllegalArgumentException("a writer and a header are required");
        }
        BancoDoBrasilAccount account = BancoDoBrasilAccount.of(header.beneficiary(), header.agencyDigit(),
                header.accountDigit(), header.walletVariation());
        return new File(out, account, header.nsa(), header);
    }

    private static final class File extends BancoDoBrasilFileWriter implements ReturnFile {

        private final String walletCode;

        File(Writer out, BancoDoBrasilAccount account, long nsa, ReturnFileHeader header) {
            super(out, account, BancoDoBrasilLayout.RETORNO, nsa, header.generatedAt(), 2);
            this.walletCode = "17".equals(account.wallet()) ? "7" : "1";
        }

        @Override
        public void add(ReturnOccurrence o) {
            validate(o);
            startTitle(o.amount() == null ? BigDecimal.ZERO : o.amount());
            segmentT(o);
            segmentU(o);
        }

        @Override
        public long finish() {
            finishFile();
            return records();
        }

        /** FEBRABAN 240 §"Registro Detalhe - Segmento T (Obrigatório - Retorno)". */
        private void segmentT(ReturnOccurrence o) {
            BancoDoBrasilAccount a = account();
            StringBuilder reasons = new StringBuilder(10);
            for (String reason : o.rejectionReasons()) {
                reasons.append(reason);
            }
            detail('T', o.code())
                    .digits(18, 22, a.agency())
                    .literal(23, 23, a.agencyDigit())
                    .digits(24, 35, a.account())
                    .literal(36, 36, a.accountDigit())
                    .literal(38, 57, o.nossoNumero())
                    .literal(58, 58, walletCode)
                    .text(59, 73, o.documentNumber())
                    .date(74, 81, o.dueDate())
                    .amount(82, 96, o.amount())
                    .literal(97, 99, BancoDoBrasilLayout.BANK_CODE) // banco cobrador
                    .zeros(100, 105)
                    .text(106, 130, o.documentNumber())
                    .literal(131, 132, "09")
                    .zeros(133, 148)                                // payer: not echoed by this writer
                    .zeros(189, 198)
                    .amount(199, 213, o.tariff())
                    .literal(214, 223, reasons.toString());
            write();
        }

        /** FEBRABAN 240 §"Registro Detalhe - Segmento U (Obrigatório - Retorno)". */
        private void segmentU(ReturnOccurrence o) {
            BigDecimal paid = o.paidAmount();
            BigDecimal net = paid == null ? null : paid.subtract(o.tariff() == null ? BigDecimal.ZERO : o.tariff()).max(BigDecimal.ZERO);
            detail('U', o.code())
                    .amount(18, 32, o.interest())
                    .amount(33, 47, o.discount())
                    .zeros(48, 77)                                  // abatimento, IOF
                    .amount(78, 92, paid)
                    .amount(93, 107, net)
                    .zeros(108, 137)                                // outras despesas, outros créditos
                    .date(138, 145, o.occurrenceDate())
                    .date(146, 153, o.creditDate())
                    .zeros(154, 180)
                    .zeros(211, 213);
            write();
        }

        private static void validate(ReturnOccurrence o) {
            if (o == null) {
                throw new IllegalArgumentException("occurrence is required");
            }
            if (o.code() == null || o.code().length() != 2) {
                throw new IllegalArgumentException("occurrence code must be 2 characters, was " + o.code());
            }
            if (o.nossoNumero() == null || o.nossoNumero().isEmpty() || o.nossoNumero().length() > 20
                    || !CnabText.ascii(o.nossoNumero()).equals(o.nossoNumero())) {
                throw new IllegalArgumentException("nosso número must be 1 to 20 ASCII characters, was " + o.nossoNumero());
            }
            if (o.rejectionReasons().size() > 5 || o.rejectionReasons().stream().anyMatch(r -> r.length() != 2)) {
                throw new IllegalArgumentException("at most 5 reasons of 2 characters each, were " + o.rejectionReasons());
            }
        }
    }
}
