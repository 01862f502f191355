package dev.cobranca.emulators.bank;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A stand-in for Banco do Brasil's CNAB 240 cobrança: it answers each remessa with retornos, as the bank would.
 * Not thread-safe (one remessa at a time: the NSA counter is this instance's).
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

    /** @param lastNsa the last retorno NSA already used (the caller may persist it); the next is {@code lastNsa + 1} */
    public LocalBank(long lastNsa) {
        this(lastNsa, DEFAULT_TARIFF);
    }

    /** @param tariff what each liquidação costs the beneficiary (T pos 199-213) */
    public LocalBank(long lastNsa, BigDecimal tariff) {
    }

    /**
     * Answers one remessa. The first retorno holds 02 (entrada confirmada) or 03 (entrada rejeitada, with
     * reasons) for every title; the second, only when some title is paid, 06 (liquidação) for {@code payShare}
     * of the confirmed titles, chosen by a hash of the nosso número. The list is in NSA order; publish them so.
     *
     * @param payShare 0..1
     * @param today    the date of the answer: occurrence date of every entry; liquidações credit the next business day
     * @throws dev.cobranca.core.bank.CnabFormatException when the remessa is structurally broken (no header,
     *         records out of order, trailer counts or totals wrong): the bank refuses the whole file and writes
     *         no retorno, the caller logs or reports it
     */
    public List<GeneratedReturn> answer(Source remessa, String remessaName, double payShare, LocalDate today,
            Sink sink) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The last retorno NSA used. */
    public long lastNsa() {
        throw new UnsupportedOperationException("not yet");
    }
}
