package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.RemittanceReader;
import dev.cobranca.core.bank.RemittanceSummary;
import dev.cobranca.core.bank.cnab240.Cnab240Line;
import dev.cobranca.core.bank.cnab240.CnabFieldException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Reads Banco do Brasil CNAB 240 remessas: segments P and Q make a title (R, S and Y are accepted and skipped).
 * Each title is delivered when its Q is read; nothing accumulates. Not thread-safe; one instance per read is not
 * needed (the state lives in each call).
 */
public final class BancoDoBrasilRemittanceReader implements RemittanceReader {

    @Override
    public RemittanceSummary read(Reader in, RemittanceListener listener) {
        Run run = new Run(listener);
        run.run(in);
        return new RemittanceSummary(run.titles, run.records(), BigDecimal.valueOf(run.cents, 2));
    }

    private static final class Run extends BancoDoBrasilFileReader {

        private final RemittanceListener listener;
        private long titles;
        private long cents;
        private char previous;
        // the segment P waiting for its Q
        private int pLine;
        private String nossoNumero;
        private String command;
        private LocalDate dueDate;
        private BigDecimal amount;
        private String documentNumber;

        Run(RemittanceListener listener) {
            this.listener = listener;
        }

        @Override
        protected char direction() {
            return BancoDoBrasilLayout.REMESSA;
        }

        @Override
        protected boolean checksLotTotals() {
            return true;
        }

        @Override
        protected void fileHeader(Cnab240Line l) {
            LocalDate on;
            try {
                on = l.date(144, 151);
            } catch (CnabFieldException e) {
                throw new CnabFormatException(l.number(), "file header generation date: " + e.getMessage());
            }
            if (on == null) {
                throw new CnabFormatException(l.number(), "file header generation date (pos 144-151) is missing");
            }
            long hh = l.number(152, 153);
            long mi = l.number(154, 155);
            long ss = l.number(156, 157);
            LocalTime at = hh >= 0 && hh < 24 && mi >= 0 && mi < 60 && ss >= 0 && ss < 60
                    ? LocalTime.of((int) hh, (int) mi, (int) ss) : LocalTime.MIDNIGHT;
            long nsa = l.number(158, 163);
            if (nsa < 0) {
                throw new CnabFormatException(l.number(), "file header NSA '" + l.raw(158, 163) + "' (pos 158-163) is not a number");
            }
            int type = l.charAt(18) - '0';
            listener.onHeader(new RemittanceFileHeader(l.raw(1, 3), document(type, l.text(19, 32)),
                    stripZeros(l.text(33, 41)), l.text(46, 47), l.text(48, 50), stripZeros(l.text(53, 57)),
                    l.text(58, 58), stripZeros(l.text(59, 70)), l.text(71, 71), l.text(73, 102), nsa,
                    LocalDateTime.of(on, at)));
        }

        @Override
        protected void detail(Cnab240Line l, char segment) {
            switch (segment) {
                case 'P' -> {
                    if (nossoNumero != null) {
                        error(pLine, "segment P without its segment Q (line " + l.number() + " is another P)");
                    }
                    pLine = l.number();
                    nossoNumero = l.text(38, 57);
                    command = l.raw(16, 17);
                    dueDate = dateOrNull(l, 78, 85);
                    amount = l.amount(86, 100);
                    documentNumber = l.text(63, 77);
                }
                case 'Q' -> {
                    if (nossoNumero == null) {
                        error(l.number(), "segment Q without a segment P before it");
                    } else {
                        int type = l.charAt(18) >= '0' && l.charAt(18) <= '9' ? l.charAt(18) - '0' : -1;
                        RemittanceEntry entry = new RemittanceEntry(pLine, nossoNumero, command, dueDate, amount,
                                document(type, l.text(19, 33)), type, l.text(34, 73), documentNumber);
                        nossoNumero = null;
                        titles++;
                        long c = amount == null ? 0 : amount.movePointRight(2).longValueExact();
                        cents += c;
                        counted(c);
                        listener.onEntry(entry);
                    }
                }
                case 'R', 'S', 'Y' -> {
                    if (previous != 'Q' && previous != 'R' && previous != 'S' && previous != 'Y') {
                        error(l.number(), "segment " + segment + " without a title (P and Q) before it");
                    }
                }
                default -> error(l.number(), "segment '" + segment + "' at pos 14 is not P, Q, R, S or Y");
            }
            previous = segment;
        }

        @Override
        protected void lotEnds() {
            if (nossoNumero != null) {
                error(pLine, "segment P without its segment Q (the lot ends)");
                nossoNumero = null;
            }
            previous = 0;
        }

        @Override
        protected void error(int line, String reason) {
            listener.onError(new CnabLineError(line, reason));
        }

        private static LocalDate dateOrNull(Cnab240Line l, int from, int to) {
            try {
                return l.date(from, to);
            } catch (CnabFieldException e) {
                return null;
            }
        }
    }

    /** A 15-position inscription field as the CPF (11) or CNPJ (14) it holds; other content as written. */
    static String document(int type, String field) {
        if (field.length() > 0 && field.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int keep = type == 1 ? 11 : type == 2 ? 14 : -1;
            if (keep > 0 && field.length() >= keep && field.substring(0, field.length() - keep).chars().allMatch(c -> c == '0')) {
                return field.substring(field.length() - keep);
            }
            return stripZeros(field);
        }
        return field;
    }

    static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
