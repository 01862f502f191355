package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.ReturnFile;
import dev.cobranca.core.bank.ReturnFileHeader;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import dev.cobranca.core.boleto.Beneficiary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.function.LongSupplier;

/** One retorno, opened (and its NSA taken) on first use. */
final class RetornoOutput {

    /** When, on the day of the answer, the retornos say they were generated. */
    private static final LocalTime GENERATED_AT = LocalTime.of(6, 0);

    private final String base;
    private final LocalBank.Sink sink;
    private final BancoDoBrasilReturnWriter writer;
    private final LongSupplier nextNsa;
    private Open open;

    /** @param nextNsa takes the next retorno NSA; called only when the retorno is opened */
    RetornoOutput(String base, LocalBank.Sink sink, BancoDoBrasilReturnWriter writer, LongSupplier nextNsa) {
        this.base = base;
        this.sink = sink;
        this.writer = writer;
        this.nextNsa = nextNsa;
    }

    Open open(RemittanceFileHeader header, LocalDate today) {
        if (open == null) {
            long nsa = nextNsa.getAsLong();
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

    static ReturnFileHeader returnHeader(RemittanceFileHeader h, long nsa, LocalDate today) {
        Beneficiary b = new Beneficiary(h.bankCode(), h.agency(), h.account(), h.convenio(), h.wallet(),
                h.companyName(), h.companyDocument());
        return new ReturnFileHeader(b, h.agencyDigit(), h.accountDigit(), h.walletVariation(), nsa, today.atTime(GENERATED_AT));
    }

    static final class Open {
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
