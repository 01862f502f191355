package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceReader;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
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
            reader.read(in, new RemessaStructureCheck(writer));
        }
        EntryAnswers entries = new EntryAnswers(today, output(remessaName, sink));
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
        PaymentSettlements settlements = new PaymentSettlements(payShare, tariff, today, output(remessaName, sink));
        return read(remessa, settlements);
    }

    private RetornoOutput output(String remessaName, Sink sink) {
        return new RetornoOutput(baseName(remessaName), sink, writer, this::nextNsa);
    }

    private Optional<GeneratedReturn> read(Source remessa, RetornoPass pass) throws IOException {
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
}
