package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnListener;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.ReturnReader;
import dev.cobranca.core.bank.ReturnSummary;
import dev.cobranca.core.bank.cnab240.Cnab240Line;
import dev.cobranca.core.bank.cnab240.CnabFieldException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Banco do Brasil CNAB 240 retornos: a segment T and the segment U after it make one occurrence (other
 * segments, such as Y, are skipped). A T or U that does not parse is reported with its line and the pair is
 * skipped; the titles around it still come through.
 */
public final class BancoDoBrasilReturnReader implements ReturnReader {

    @Override
    public ReturnSummary read(Reader in, ReturnListener listener) {
        Run run = new Run(listener);
        run.run(in);
        return new ReturnSummary(run.occurrences, run.errors, run.records());
    }

    private static final class Run extends BancoDoBrasilFileReader {

        private final ReturnListener listener;
        private long occurrences;
        private long errors;
        // the segment T waiting for its U
        private int tLine;
        private String code;
        private String nossoNumero;
        private String documentNumber;
        private LocalDate dueDate;
        private BigDecimal amount;
        private BigDecimal tariff;
        private List<String> reasons;
        private boolean tBroken;

        Run(ReturnListener listener) {
            this.listener = listener;
        }

        @Override
        protected char direction() {
            return BancoDoBrasilLayout.RETORNO;
        }

        @Override
        protected boolean checksLotTotals() {
            return false; // what BB totals in a retorno's lot trailer is not what a reader can recount
        }

        @Override
        protected void fileHeader(Cnab240Line l) {
            LocalDate on;
            try {
                on = l.date(144, 151);
            } catch (CnabFieldException e) {
                throw new CnabFormatException(l.number(), "file header generation date: " + e.getMessage());
            }
            long nsa = l.number(158, 163);
            if (nsa < 0) {
                throw new CnabFormatException(l.number(), "file header NSA '" + l.raw(158, 163) + "' (pos 158-163) is not a number");
            }
            listener.onHeader(new ReturnHeader(l.raw(1, 3), BancoDoBrasilRemittanceReader.stripZeros(l.text(33, 41)), nsa, on));
        }

        @Override
        protected void detail(Cnab240Line l, char segment) {
            switch (segment) {
                case 'T' -> segmentT(l);
                case 'U' -> segmentU(l);
                default -> {
                    // Y (e-mail, cheques, Pix) and others carry nothing a title's state needs
                }
            }
        }

        private void segmentT(Cnab240Line l) {
            if (code != null && !tBroken) {
                error(tLine, "segment T without its segment U (line " + l.number() + " is another T)");
            }
            tLine = l.number();
            code = l.raw(16, 17);
            nossoNumero = l.text(38, 57);
            documentNumber = l.text(59, 73);
            amount = l.amount(82, 96);
            tariff = l.amount(199, 213);
            tBroken = false;
            List<String> problems = new ArrayList<>(2);
            try {
                dueDate = l.date(74, 81);
            } catch (CnabFieldException e) {
                problems.add("due date " + e.getMessage());
            }
            if (!l.isDigits(16, 17)) {
                problems.add("occurrence code '" + code + "' (pos 16-17) is not 2 digits");
            }
            if (nossoNumero.isEmpty()) {
                problems.add("nosso número (pos 38-57) is blank");
            }
            if (amount == null) {
                problems.add("amount '" + l.raw(82, 96) + "' (pos 82-96) is not a number");
            }
            if (tariff == null) {
                problems.add("tariff '" + l.raw(199, 213) + "' (pos 199-213) is not a number");
            }
            reasons = new ArrayList<>(5);
            for (int from = 214; from < 224; from += 2) {
                String reason = l.raw(from, from + 1);
                if (!reason.isBlank() && !"00".equals(reason)) {
                    reasons.add(reason.trim());
                }
            }
            if (!problems.isEmpty()) {
                tBroken = true;
                error(tLine, "segment T: " + String.join("; ", problems));
            }
        }

        private void segmentU(Cnab240Line l) {
            if (code == null) {
                error(l.number(), "segment U without a segment T before it");
                return;
            }
            String tCode = code;
            code = null;
            if (!l.raw(16, 17).equals(tCode)) {
                error(l.number(), "segment U has occurrence '" + l.raw(16, 17) + "', its segment T (line " + tLine + ") has '" + tCode + "'");
                return;
            }
            BigDecimal interest = l.amount(18, 32);
            BigDecimal discount = l.amount(33, 47);
            BigDecimal paid = l.amount(78, 92);
            List<String> problems = new ArrayList<>(2);
            if (interest == null || discount == null || paid == null) {
                problems.add("juros, desconto or valor pago (pos 18-47, 78-92) is not a number");
            }
            LocalDate occurred = null;
            LocalDate credited = null;
            try {
                occurred = l.date(138, 145);
                credited = l.date(146, 153);
            } catch (CnabFieldException e) {
                problems.add("date " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                error(l.number(), "segment U: " + String.join("; ", problems));
                return;
            }
            if (tBroken) {
                return;
            }
            occurrences++;
            counted(amount.movePointRight(2).longValueExact());
            listener.onOccurrence(new ReturnOccurrence(tLine, nossoNumero, documentNumber, tCode,
                    BancoDoBrasilOccurrences.name(tCode), BancoDoBrasilOccurrences.kind(tCode), dueDate, amount, paid,
                    tariff, interest, discount, occurred, credited, reasons));
        }

        @Override
        protected void lotEnds() {
            if (code != null && !tBroken) {
                error(tLine, "segment T without its segment U (the lot ends)");
            }
            code = null;
        }

        @Override
        protected void error(int line, String reason) {
            errors++;
            listener.onError(new CnabLineError(line, reason));
        }
    }
}
