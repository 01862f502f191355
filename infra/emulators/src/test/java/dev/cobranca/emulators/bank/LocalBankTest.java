package dev.cobranca.emulators.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.OccurrenceKind;
import dev.cobranca.core.bank.Payer;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceHeader;
import dev.cobranca.core.bank.RemittanceTitle;
import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnListener;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.ReturnSummary;
import dev.cobranca.core.bank.TitleTerms;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceWriter;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnReader;
import dev.cobranca.core.boleto.Beneficiary;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local bank answers remessas as Banco do Brasil would; its retornos read back with the retorno reader. */
class LocalBankTest {

    private static final Beneficiary BENEFICIARY = new Beneficiary("001", "1234", "56789", "1234567", "17",
            "Cobrança Exemplo Ltda", "11222333000181");
    /** Tuesday; the next business day is Wednesday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 12, 20);

    private final Map<String, ByteArrayOutputStream> written = new LinkedHashMap<>();
    private final LocalBank.Sink sink = name -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        written.put(name, out);
        return out;
    };

    private static RemittanceTitle title(long i, String cpf, String name) {
        return new RemittanceTitle("1234567" + "%010d".formatted(i), "debt-" + i, DUE, BigDecimal.valueOf(1000 + i, 2),
                TODAY, new Payer(cpf, name, null, null, null, null, null));
    }

    private static String remessa(List<RemittanceTitle> titles) {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out,
                new RemittanceHeader(BENEFICIARY, "3", "X", "019", 12, LocalDateTime.of(2026, 12, 1, 9, 0), TitleTerms.NONE));
        titles.forEach(file::add);
        file.finish();
        return out.toString();
    }

    private static LocalBank.Source source(String text) {
        return () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private record Read(ReturnHeader header, List<ReturnOccurrence> occurrences, List<CnabLineError> errors) {
    }

    private Read read(String name) {
        List<ReturnOccurrence> occurrences = new ArrayList<>();
        List<CnabLineError> errors = new ArrayList<>();
        ReturnHeader[] header = new ReturnHeader[1];
        new BancoDoBrasilReturnReader().read(new ByteArrayInputStream(written.get(name).toByteArray()), new ReturnListener() {
            @Override
            public void onHeader(ReturnHeader h) {
                header[0] = h;
            }

            @Override
            public void onOccurrence(ReturnOccurrence o) {
                occurrences.add(o);
            }

            @Override
            public void onError(CnabLineError e) {
                errors.add(e);
            }
        });
        return new Read(header[0], occurrences, errors);
    }

    @Test
    void confirmsGoodTitles_rejectsAnInvalidCpf_andSettlesThePaidShareInALaterRetorno() throws IOException {
        String good1 = "11144477735";
        String good2 = "52998224725";
        String badCpf = "11144477736"; // wrong second check digit
        String text = remessa(List.of(title(1, good1, "Ana"), title(2, badCpf, "Bruno"), title(3, good2, "Carla")));
        LocalBank bank = new LocalBank(6);

        GeneratedReturn answer = bank.answer(source(text), "remittances/CBR-000012.rem", TODAY, sink);

        // on receipt, the bank only registers: no title is paid before its debtor could have had the boleto
        assertThat(answer).isEqualTo(new GeneratedReturn("CBR-000012-RET000007.ret", 7, 3));
        assertThat(written).containsOnlyKeys("CBR-000012-RET000007.ret");
        assertThat(bank.lastNsa()).isEqualTo(7);

        assertThat(bank.settle(source(text), "remittances/CBR-000012.rem", 1.0, TODAY, sink))
                .contains(new GeneratedReturn("CBR-000012-RET000008.ret", 8, 2));
        assertThat(bank.lastNsa()).isEqualTo(8);

        Read entries = read("CBR-000012-RET000007.ret");
        assertThat(entries.errors()).isEmpty();
        assertThat(entries.header()).isEqualTo(new ReturnHeader("001", "1234567", 7, TODAY));
        assertThat(entries.occurrences()).extracting(ReturnOccurrence::code).containsExactly("02", "03", "02");
        ReturnOccurrence rejected = entries.occurrences().get(1);
        assertThat(rejected.kind()).isEqualTo(OccurrenceKind.REJECTED);
        assertThat(rejected.nossoNumero()).isEqualTo("12345670000000002");
        // FEBRABAN C047 under 03: 46 = tipo/número de inscrição do pagador inválidos
        assertThat(rejected.rejectionReasons()).containsExactly("46");
        assertThat(rejected.documentNumber()).isEqualTo("DEBT-2");

        Read settlements = read("CBR-000012-RET000008.ret");
        assertThat(settlements.errors()).isEmpty();
        assertThat(settlements.occurrences()).hasSize(2).allSatisfy(o -> {
            assertThat(o.code()).isEqualTo("06");
            assertThat(o.kind()).isEqualTo(OccurrenceKind.SETTLED);
            assertThat(o.paidAmount()).isEqualTo(o.amount());
            assertThat(o.tariff()).isEqualByComparingTo("1.50");
            assertThat(o.occurrenceDate()).isEqualTo(TODAY);
            assertThat(o.creditDate()).isEqualTo(LocalDate.of(2026, 12, 2));
        });
        assertThat(settlements.occurrences()).extracting(ReturnOccurrence::nossoNumero)
                .containsExactly("12345670000000001", "12345670000000003");
    }

    @Test
    void blankNameAndDuplicateNossoNumero_areRejectedWithTheirReasons() throws IOException {
        String text = remessa(List.of(title(1, "11144477735", "Ana"), title(1, "52998224725", "Bruno")))
                .replace("ANA" + " ".repeat(37), " ".repeat(40));
        LocalBank bank = new LocalBank(0);
        bank.answer(source(text), "r.rem", TODAY, sink);
        assertThat(bank.settle(source(text), "r.rem", 1.0, TODAY, sink)).isEmpty(); // nobody to pay: no second retorno
        assertThat(written).hasSize(1);
        assertThat(bank.lastNsa()).isEqualTo(1);
        Read entries = read("r-RET000001.ret");
        assertThat(entries.occurrences()).extracting(ReturnOccurrence::code).containsExactly("03", "03");
        assertThat(entries.occurrences().get(0).rejectionReasons()).containsExactly("45"); // nome do pagador não informado
        assertThat(entries.occurrences().get(1).rejectionReasons()).containsExactly("09"); // nosso número duplicado
    }

    @Test
    void aCompanyPayer_isCheckedAsACnpj() throws IOException {
        String text = remessa(List.of(title(1, "11222333000181", "Empresa"), title(2, "11222333000182", "Outra")));
        new LocalBank(0).answer(source(text), "c.rem", TODAY, sink);
        Read entries = read("c-RET000001.ret");
        assertThat(entries.occurrences()).extracting(ReturnOccurrence::code).containsExactly("02", "03");
        assertThat(entries.occurrences().get(1).rejectionReasons()).containsExactly("46");
    }

    @Test
    void thePaidShare_isDeterministic() throws IOException {
        List<RemittanceTitle> titles = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            titles.add(title(i, "11144477735", "Pagador " + i));
        }
        String text = remessa(titles);
        LocalBank bank = new LocalBank(0);
        assertThat(bank.answer(source(text), "a.rem", TODAY, sink).occurrences()).isEqualTo(1000);
        GeneratedReturn first = bank.settle(source(text), "a.rem", 0.3, TODAY, sink).orElseThrow();
        String firstSettlements = written.get(first.name()).toString(StandardCharsets.ISO_8859_1);
        written.clear();
        GeneratedReturn second = new LocalBank(1).settle(source(text), "a.rem", 0.3, TODAY, sink).orElseThrow();
        assertThat(second).isEqualTo(first);
        assertThat(written.get(second.name()).toString(StandardCharsets.ISO_8859_1)).isEqualTo(firstSettlements);
        assertThat(first.occurrences()).isBetween(250L, 350L);
    }

    @Test
    void aBrokenRemessa_isRefusedWhole_andWritesNothing() {
        String text = remessa(List.of(title(1, "11144477735", "Ana"), title(2, "11144477735", "Bia")));
        String[] lines = text.split("\r\n");
        String noTrailer = String.join("\r\n", java.util.Arrays.copyOf(lines, lines.length - 1)) + "\r\n";
        LocalBank bank = new LocalBank(3);
        assertThatThrownBy(() -> bank.answer(source(noTrailer), "x.rem", TODAY, sink))
                .isInstanceOf(CnabFormatException.class).hasMessageContaining("file trailer (record type 9) is missing");
        String badTotal = text.replace(lines[6], lines[6].substring(0, 29) + "00000000000099999" + lines[6].substring(46));
        assertThatThrownBy(() -> bank.answer(source(badTotal), "x.rem", TODAY, sink))
                .isInstanceOf(CnabFormatException.class).hasMessageContaining("line 7: lot trailer totals");
        assertThat(written).isEmpty();
        assertThat(bank.lastNsa()).isEqualTo(3);
    }

    @Test
    void aCreditDate_skipsWeekendsAndHolidays() {
        assertThat(BusinessDays.next(LocalDate.of(2026, 12, 4))).as("Friday → Monday").isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(BusinessDays.next(LocalDate.of(2026, 12, 24))).as("Christmas").isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void hundredThousandTitles_streamFromAndToFiles(@TempDir Path dir) throws IOException {
        Path remessa = dir.resolve("big.rem");
        try (BufferedWriter w = Files.newBufferedWriter(remessa, StandardCharsets.ISO_8859_1)) {
            RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(w,
                    new RemittanceHeader(BENEFICIARY, "3", "X", "019", 1, LocalDateTime.of(2026, 12, 1, 9, 0), TitleTerms.NONE));
            for (int i = 0; i < 100_000; i++) {
                file.add(title(i, i % 1000 == 0 ? "11144477736" : "11144477735", "Pagador " + i));
            }
            file.finish();
        }
        LocalBank bank = new LocalBank(0);
        GeneratedReturn entries = bank.answer(() -> Files.newInputStream(remessa), "big.rem", TODAY,
                name -> Files.newOutputStream(dir.resolve(name)));
        assertThat(entries.occurrences()).isEqualTo(100_000);
        long[] counts = new long[3];
        ReturnSummary summary;
        try (var in = Files.newInputStream(dir.resolve(entries.name()))) {
            summary = new BancoDoBrasilReturnReader().read(in, new ReturnListener() {
                @Override
                public void onHeader(ReturnHeader header) {
                }

                @Override
                public void onOccurrence(ReturnOccurrence o) {
                    counts[o.code().equals("02") ? 0 : 1]++;
                }

                @Override
                public void onError(CnabLineError error) {
                    counts[2]++;
                }
            });
        }
        assertThat(counts).containsExactly(99_900, 100, 0);
        assertThat(summary.occurrences()).isEqualTo(100_000);
        GeneratedReturn settlements = bank.settle(() -> Files.newInputStream(remessa), "big.rem", 0.5, TODAY,
                name -> Files.newOutputStream(dir.resolve(name))).orElseThrow();
        // half of the 99,900 confirmed titles; none of the 100 rejected ones
        assertThat(settlements.occurrences()).isBetween(49_000L, 51_000L);
    }

    @Test
    void fileNames_areSafe() {
        assertThat(LocalBank.baseName("remittances/2026/CBR 12.rem")).isEqualTo("CBR_12");
        assertThat(LocalBank.baseName(null)).isEqualTo("remessa");
    }
}
