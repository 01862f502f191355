package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceReader;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import dev.cobranca.core.bank.cnab240.CnabText;
import dev.cobranca.core.boleto.Beneficiary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for Banco do Brasil's CNAB 240 cobrança: it answers each remessa with retornos, as the bank would.
 * It reads the remessa twice and holds none of its titles (only their nosso números, 16 bytes each, to catch
 * duplicates), writing the retornos as it goes. Not thread-safe: one remessa at a time, and the NSA counter is
 * this instance's.
 */
public final class LocalBank {

    /** Opens the remessa again: it is read twice (first the structure, then the titles), never held in memory. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Where a retorno goes, by file name; the local bank closes the stream. */
    @FunctionalInterface
    public interface Sink {
        OutputStream create(String name) throws IOException;
    }

    public static final BigDecimal DEFAULT_TARIFF = new BigDecimal("1.50");
    /** C047 under 06: "Liquidação na internet (home banking)". */
    static final String PAID_ONLINE = "33";
    /** When, on the day of the answer, the retornos say they were generated. */
    private static final LocalTime GENERATED_AT = LocalTime.of(6, 0);

    private final BancoDoBrasilRemittanceReader reader = new BancoDoBrasilRemittanceReader();
    private final BancoDoBrasilReturnWriter writer = new BancoDoBrasilReturnWriter();
    private final BigDecimal tariff;
    private long lastNsa;

    /** @param lastNsa the last retorno NSA already used (the caller may persist it); the next is {@code lastNsa + 1} */
    public LocalBank(long lastNsa) {
        this(lastNsa, DEFAULT_TARIFF);
    }

    /** @param tariff what each liquidação costs the beneficiary (T pos 199-213) */
    public LocalBank(long lastNsa, BigDecimal tariff) {
        if (lastNsa < 0 || lastNsa >= 999_999) {
            throw new IllegalArgumentException("lastNsa must be 0..999998 (a retorno's NSA has 6 digits), was " + lastNsa);
        }
        if (tariff == null || tariff.signum() < 0) {
            throw new IllegalArgumentException("tariff must be zero or more, was " + tariff);
        }
        this.lastNsa = lastNsa;
        this.tariff = tariff;
    }

    /**
     * Answers one remessa. The first retorno holds 02 (entrada confirmada) or 03 (entrada rejeitada, with
     * reasons) for every title, and 26 (instrução rejeitada) for commands other than 01; the second, only when
     * some title is paid, 06 (liquidação) for {@code payShare} of the confirmed titles, chosen by a hash of the
     * nosso número, paying their amount less nothing, with the tariff, credited the next business day. The list
     * is in NSA order; publish the retornos in that order.
     *
     * @param payShare 0..1
     * @param today    the date of the answer: occurrence date of every occurrence
     * @throws CnabFormatException when the remessa is structurally broken (no header, records out of order or
     *         of unknown types, trailer counts or totals wrong, a P without its Q): like the bank, the local bank
     *         refuses the whole file and writes no retorno; the caller logs or reports it
     */
    public List<GeneratedReturn> answer(Source remessa, String remessaName, double payShare, LocalDate today,
            Sink sink) throws IOException {
        if (!(payShare >= 0 && payShare <= 1)) {
            throw new IllegalArgumentException("payShare must be 0..1, was " + payShare);
        }
        if (today == null || remessa == null || sink == null) {
            throw new IllegalArgumentException("remessa, today and sink are required");
        }
        try (InputStream in = remessa.open()) {
            reader.read(in, new StructureCheck());
        }
        Answer answer = new Answer(baseName(remessaName), payShare, today, sink);
        try (InputStream in = remessa.open()) {
            reader.read(in, answer);
            return answer.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            answer.close();
        }
    }

    /** The last retorno NSA used. */
    public long lastNsa() {
        return lastNsa;
    }

    private long nextNsa() {
        if (lastNsa >= 999_999) {
            throw new IllegalStateException("the retorno NSA ran out of its 6 digits");
        }
        return ++lastNsa;
    }

    static String baseName(String remessaName) {
        String name = remessaName == null ? "remessa" : remessaName;
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        name = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "remessa" : name;
    }

    static boolean pays(String nossoNumero, double share) {
        if (share >= 1) {
            return true;
        }
        long key = nossoNumero.chars().allMatch(Character::isDigit) && nossoNumero.length() <= 18
                ? Long.parseLong(nossoNumero) : nossoNumero.hashCode();
        double u = (LongSet.mix(key) >>> 11) * 0x1.0p-53;
        return u < share;
    }

    /** First pass: the structure only; the first problem refuses the file. */
    private final class StructureCheck implements RemittanceListener {

        @Override
        public void onHeader(RemittanceFileHeader header) {
            try {
                writer.open(Writer.nullWriter(), returnHeader(header, 1, LocalDate.EPOCH));
            } catch (IllegalArgumentException e) {
                throw new CnabFormatException(1, "file header: " + e.getMessage());
            }
        }

        @Override
        public void onEntry(RemittanceEntry entry) {
            String nn = entry.nossoNumero();
            if (nn.isEmpty() || !CnabText.ascii(nn).equals(nn)) {
                throw new CnabFormatException(entry.line(), "segment P nosso número (pos 38-57) '" + nn
                        + "' is blank or not ASCII: the title cannot be answered");
            }
        }

        @Override
        public void onError(CnabLineError error) {
            throw new CnabFormatException(error.line(), error.reason());
        }
    }

    private static ReturnFileHeader returnHeader(RemittanceFileHeader h, long nsa, LocalDate today) {
        Beneficiary b = new Beneficiary(h.bankCode(), h.agency(), h.account(), h.convenio(), h.wallet(),
                h.companyName(), h.companyDocument());
        return new ReturnFileHeader(b, h.agencyDigit(), h.accountDigit(), h.walletVariation(), nsa, today.atTime(GENERATED_AT));
    }

    /** Second pass: every title answered as it is read. */
    private final class Answer implements RemittanceListener {

        private final String base;
        private final double payShare;
        private final LocalDate today;
        private final LocalDate creditDate;
        private final Sink sink;
        private final List<Open> files = new ArrayList<>(2);
        private RemittanceFileHeader header;
        private TitleChecks checks;
        private Open entries;
        private Open settlements;

        Answer(String base, double payShare, LocalDate today, Sink sink) {
            this.base = base;
            this.payShare = payShare;
            this.today = today;
            this.creditDate = BusinessDays.next(today);
            this.sink = sink;
        }

        @Override
        public void onHeader(RemittanceFileHeader h) {
            header = h;
            checks = new TitleChecks(h.convenio());
            entries = open();
        }

        @Override
        public void onEntry(RemittanceEntry e) {
            BigDecimal amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
            if (!"01".equals(e.command())) {
                entries.add(occurrence(e, "26", amount, List.of("05")));
                return;
            }
            List<String> reasons = checks.reasons(e);
            if (!reasons.isEmpty()) {
                entries.add(occurrence(e, "03", amount, reasons));
                return;
            }
            entries.add(occurrence(e, "02", amount, List.of()));
            if (pays(e.nossoNumero(), payShare)) {
                if (settlements == null) {
                    settlements = open();
                }
                settlements.add(new ReturnOccurrence(0, e.nossoNumero(), e.documentNumber(), "06", null, null,
                        e.dueDate(), amount, amount, tariff, BigDecimal.ZERO, BigDecimal.ZERO, today, creditDate,
                        List.of(PAID_ONLINE)));
            }
        }

        private ReturnOccurrence occurrence(RemittanceEntry e, String code, BigDecimal amount, List<String> reasons) {
            return new ReturnOccurrence(0, e.nossoNumero(), e.documentNumber(), code, null, null, e.dueDate(), amount,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, today, null, reasons);
        }

        @Override
        public void onError(CnabLineError error) {
            // the first pass found none: the file changed between the two reads
            throw new CnabFormatException(error.line(), "the remessa changed while it was answered: " + error.reason());
        }

        private Open open() {
            long nsa = nextNsa();
            String name = "%s-RET%06d.ret".formatted(base, nsa);
            try {
                Writer w = new BufferedWriter(new OutputStreamWriter(sink.create(name), StandardCharsets.ISO_8859_1), 1 << 16);
                Open o = new Open(name, nsa, w, writer.open(w, returnHeader(header, nsa, today)));
                files.add(o);
                return o;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<GeneratedReturn> finish() throws IOException {
            if (entries == null) {
                throw new CnabFormatException(1, "no file header");
            }
            List<GeneratedReturn> out = new ArrayList<>(files.size());
            for (Open o : files) {
                o.file.finish();
                o.writer.close();
                o.closed = true;
                out.add(new GeneratedReturn(o.name, o.nsa, o.occurrences));
            }
            return out;
        }

        void close() {
            for (Open o : files) {
                if (!o.closed) {
                    try {
                        o.writer.close();
                    } catch (IOException ignored) {
                        // already failing: the exception on its way out says why
                    }
                }
            }
        }
    }

    private static final class Open {
        final String name;
        final long nsa;
        final Writer writer;
        final ReturnFile file;
        long occurrences;
        boolean closed;

        Open(String name, long nsa, Writer writer, ReturnFile file) {
            this.name = name;
            this.nsa = nsa;
            this.writer = writer;
            this.file = file;
        }

        void add(ReturnOccurrence o) {
            file.add(o);
            occurrences++;
        }
    }
}
