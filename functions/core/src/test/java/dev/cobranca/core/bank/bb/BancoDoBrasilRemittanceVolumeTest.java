package dev.cobranca.core.bank.bb;

import static dev.cobranca.core.bank.CnabFixtures.header;
import static dev.cobranca.core.bank.CnabFixtures.title;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.RemittanceSummary;
import dev.cobranca.core.bank.TitleTerms;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remessas of 1 and 100,000 titles: structure, counts and totals add up, streamed (FEBRABAN 240 v10.7). */
class BancoDoBrasilRemittanceVolumeTest {

    @Test
    void oneTitle_addsUp() {
        CheckingCnabWriter out = new CheckingCnabWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, header(1, TitleTerms.NONE));
        file.add(title(1));
        RemittanceSummary summary = file.finish();
        assertThat(summary).isEqualTo(new RemittanceSummary(1, 6, new BigDecimal("10.01")));
        assertThat(out.fileTrailerSeen).isTrue();
        assertThat(out.records).isEqualTo(6);
        assertThat(out.titles).isEqualTo(1);
    }

    @Test
    void hundredThousandTitles_streamInSeveralLots() {
        CheckingCnabWriter out = new CheckingCnabWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, header(2, TitleTerms.NONE));
        long expectedCents = 0;
        for (long i = 0; i < 100_000; i++) {
            file.add(title(i));
            expectedCents += 1000 + i % 100_000;
        }
        RemittanceSummary summary = file.finish();

        // a lot numbers its details in 5 digits (FEBRABAN 240 04.3P, pos 9-13): 49,999 titles of P+Q per lot
        assertThat(out.lots).isEqualTo(3);
        assertThat(out.fileTrailerSeen).isTrue();
        assertThat(out.titles).isEqualTo(100_000);
        assertThat(out.cents).isEqualTo(expectedCents);
        assertThat(summary).isEqualTo(new RemittanceSummary(100_000, 2 + 3 * 2 + 200_000, BigDecimal.valueOf(expectedCents, 2)));
    }

    @Test
    void aFullFile_saysSo() {
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(Writer.nullWriter(), header(3, TitleTerms.NONE));
        long added = 0;
        while (file.canAdd()) {
            file.add(title(added++));
        }
        // the file trailer counts records in 6 digits (06.9, pos 24-29)
        RemittanceSummary summary = file.finish();
        assertThat(summary.records()).isLessThanOrEqualTo(999_999).isGreaterThan(999_990);
        assertThat(added).isEqualTo(summary.titles()).isGreaterThan(499_000);
    }

    @Test
    void hundredThousandTitles_readBack(@TempDir Path dir) throws IOException {
        Path remessa = dir.resolve("remessa.rem");
        try (BufferedWriter w = Files.newBufferedWriter(remessa, StandardCharsets.ISO_8859_1)) {
            RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(w, header(5, TitleTerms.NONE));
            for (long i = 0; i < 100_000; i++) {
                file.add(title(i));
            }
            file.finish();
        }
        long[] entries = {0};
        List<CnabLineError> errors = new ArrayList<>();
        RemittanceEntry[] last = new RemittanceEntry[1];
        RemittanceFileHeader[] header = new RemittanceFileHeader[1];
        RemittanceSummary summary;
        try (InputStream in = Files.newInputStream(remessa)) {
            summary = new BancoDoBrasilRemittanceReader().read(in, new RemittanceListener() {
                @Override
                public void onHeader(RemittanceFileHeader h) {
                    header[0] = h;
                }

                @Override
                public void onEntry(RemittanceEntry e) {
                    entries[0]++;
                    last[0] = e;
                }

                @Override
                public void onError(CnabLineError e) {
                    errors.add(e);
                }
            });
        }
        assertThat(errors).isEmpty();
        assertThat(entries[0]).isEqualTo(100_000);
        assertThat(summary.titles()).isEqualTo(100_000);
        assertThat(summary.records()).isEqualTo(200_008);
        assertThat(header[0].nsa()).isEqualTo(5);
        assertThat(header[0].convenio()).isEqualTo("1234567");
        assertThat(last[0].nossoNumero()).isEqualTo("12345670000099999");
        assertThat(last[0].payerDocument()).isEqualTo(dev.cobranca.core.bank.CnabFixtures.cpf(99_999));
        assertThat(last[0].payerName()).isEqualTo("PAGADOR 99999");
        // header, lot 1 (header, 99,998 details, trailer), lot 2 (the same), lot 3 header, then titles 99,998 and 99,999
        assertThat(last[0].line()).isEqualTo(200_005);
    }
}
