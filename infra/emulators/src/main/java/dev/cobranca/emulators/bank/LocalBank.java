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
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for Banco do Brasil's CNAB 240 cobrança: it answers each remessa with retornos, as the bank would: at
 * once the entries (confirmed or rejected), and later, in a retorno of their own, the payments. It reads the remessa
 * again for each (never holding its titles: only their nosso números, 16 bytes each, to catch duplicates), writing
 * the retornos as it goes. Not thread-safe: one remessa at a time, and the NSA counter is
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
     * Answers one remessa as the bank does on receiving it: one retorno holding 02 (entrada confirmada) or 03 (entrada
     * rejeitada, with reasons) for every title, and 26 (instrução rejeitada) for commands other than 01. Payments come
     * later, in their own retorno: see {@link #settle}.
     *
     * @param today the date of the answer: occurrence date of every occurrence
     * @throws CnabFormatException when the remessa is structurally broken (no header, records out of order or
     *         of unknown types, trailer counts or totals wrong, a P without its Q): like the bank, the local bank
     *         refuses the whole file and writes no retorno; the caller logs or reports it
     */
    public GeneratedReturn answer(Source remessa, String remessaName, LocalDate today, Sink sink) throws IOException {
        if (today == null || remessa == null || sink == null) {
            throw new IllegalArgumentException("remessa, today and sink are required");
        }
        try (InputStream in = remessa.open()) {
            reader.read(in, new StructureCheck());
        }
        Entries entries = new Entries(baseName(remessaName), today, sink);
        return read(remessa, entries).orElseThrow(() -> new CnabFormatException(1, "no file header"));
    }

    /**
     * The debtors pay: a later retorno (the next NSA) with 06 (liquidação) for {@code payShare} of the titles
     * {@link #answer} confirmed, chosen by a hash of the nosso número (the same titles whenever asked), paying their
     * amount less nothing, with the tariff, credited the next business day. Call it only for a remessa answered.
     *
     * @param payShare 0..1
     * @param today    the date of the payments: occurrence date of every 06
     * @return the retorno, or empty when nobody paid (then no file and no NSA is used)
     */
    public Optional<GeneratedReturn> settle(Source remessa, String remessaName, double payShare, LocalDate today, Sink sink)
            throws IOException {
        if (!(payShare >= 0 && payShare <= 1)) {
            throw new IllegalArgumentException("payShare must be 0..1, was " + payShare);
        }
        if (today == null || remessa == null || sink == null) {
            throw new IllegalArgumentException("remessa, today and sink are required");
        }
        if (payShare == 0) {
            return Optional.empty();
        }
        Settlements settlements = new Settlements(baseName(remessaName), payShare, today, sink);
        return read(remessa, settlements);
    }

    private Optional<GeneratedReturn> read(Source remessa, Pass pass) throws IOException {
        try (InputStream in = remessa.open()) {
            reader.read(in, pass);
            return pass.out.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pass.out.close();
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

    /** A reading of the remessa that answers its titles as they come, into at most one retorno. */
    private abstract class Pass implements RemittanceListener {

        final LocalDate today;
        final Output out;
        RemittanceFileHeader header;
        TitleChecks checks;

        Pass(String base, LocalDate today, Sink sink) {
            this.today = today;
            this.out = new Output(base, sink);
        }

        @Override
        public void onHeader(RemittanceFileHeader h) {
            header = h;
            checks = new TitleChecks(h.convenio());
        }

        @Override
        public void onError(CnabLineError error) {
            // the structure check found none: the file changed between the reads
            throw new CnabFormatException(error.line(), "the remessa changed while it was answered: " + error.reason());
        }

        ReturnOccurrence occurrence(RemittanceEntry e, String code, BigDecimal amount, List<String> reasons) {
            return new ReturnOccurrence(0, e.nossoNumero(), e.documentNumber(), code, null, null, e.dueDate(), amount,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, today, null, reasons);
        }

        Open file() {
            return out.open(header, today);
        }
    }

    /** The answer on receipt: every title confirmed or rejected. */
    private final class Entries extends Pass {

        Entries(String base, LocalDate today, Sink sink) {
            super(base, today, sink);
        }

        @Override
        public void onHeader(RemittanceFileHeader h) {
            super.onHeader(h);
            file();
        }

        @Override
        public void onEntry(RemittanceEntry e) {
            BigDecimal amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
            if (!"01".equals(e.command())) {
                file().add(occurrence(e, "26", amount, List.of("05")));
                return;
            }
            List<String> reasons = checks.reasons(e);
            file().add(reasons.isEmpty() ? occurrence(e, "02", amount, List.of()) : occurrence(e, "03", amount, reasons));
        }
    }

    /** The payments: the paid share of the titles the entries retorno confirmed (the same checks decide again). */
    private final class Settlements extends Pass {

        private final double payShare;
        private final LocalDate creditDate;

        Settlements(String base, double payShare, LocalDate today, Sink sink) {
            super(base, today, sink);
            this.payShare = payShare;
            this.creditDate = BusinessDays.next(today);
        }

        @Override
        public void onEntry(RemittanceEntry e) {
            if ("01".equals(e.command()) && checks.reasons(e).isEmpty() && pays(e.nossoNumero(), payShare)) {
                BigDecimal amount = e.amount();
                file().add(new ReturnOccurrence(0, e.nossoNumero(), e.documentNumber(), "06", null, null, e.dueDate(),
                        amount, amount, tariff, BigDecimal.ZERO, BigDecimal.ZERO, today, creditDate, List.of(PAID_ONLINE)));
            }
        }
    }

    /** One retorno, opened (and its NSA taken) on first use. */
    private final class Output {
        private final String base;
        private final Sink sink;
        private Open open;

        Output(String base, Sink sink) {
            this.base = base;
            this.sink = sink;
        }

        Open open(RemittanceFileHeader header, LocalDate today) {
            if (open == null) {
                long nsa = nextNsa();
                String name = "%s-RET%06d.ret".formatted(base, nsa);
                try {
                    Writer w = new BufferedWriter(new OutputStreamWriter(sink.create(name), StandardCharsets.ISO_8859_1), 1 << 16);
                    open = new Open(name, nsa, w, writer.open(w, returnHeader(header, nsa, today)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return open;
        }

        Optional<GeneratedReturn> finish() throws IOException {
            if (open == null) {
                return Optional.empty();
            }
            open.file.finish();
            open.writer.close();
            open.closed = true;
            return Optional.of(new GeneratedReturn(open.name, open.nsa, open.occurrences));
        }

        void close() {
            if (open != null && !open.closed) {
                try {
                    open.writer.close();
                } catch (IOException ignored) {
                    // already failing: the exception on its way out says why
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
