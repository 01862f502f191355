package dev.cobranca.core.bank.bb;

import static dev.cobranca.core.bank.bb.CnabText.crlf;
import static dev.cobranca.core.bank.bb.CnabText.lf;
import static dev.cobranca.core.bank.bb.CnabText.put;
import static dev.cobranca.core.bank.bb.CnabText.remessa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.bank.CnabFixtures;
import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.RemittanceSummary;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading remessas back: fields, and the structure FEBRABAN 240 v10.7 "Composição do arquivo" requires. */
class BancoDoBrasilRemittanceReaderTest {

    private final List<RemittanceFileHeader> headers = new ArrayList<>();
    private final List<RemittanceEntry> entries = new ArrayList<>();
    private final List<CnabLineError> errors = new ArrayList<>();

    private RemittanceSummary read(String text) {
        return new BancoDoBrasilRemittanceReader().read(new StringReader(text), new RemittanceListener() {
            @Override
            public void onHeader(RemittanceFileHeader header) {
                headers.add(header);
            }

            @Override
            public void onEntry(RemittanceEntry entry) {
                entries.add(entry);
            }

            @Override
            public void onError(CnabLineError error) {
                errors.add(error);
            }
        });
    }

    @Test
    void readsTheHeaderAndEachTitle() {
        RemittanceSummary summary = read(crlf(remessa(2)));
        assertThat(errors).isEmpty();
        assertThat(headers).containsExactly(new RemittanceFileHeader("001", "11222333000181", "1234567", "17", "019",
                "1234", "3", "56789", "X", "COBRANCA EXEMPLO LTDA", 9, LocalDateTime.of(2026, 12, 1, 14, 30, 5)));
        assertThat(entries).containsExactly(
                new RemittanceEntry(3, CnabFixtures.nossoNumero(1), "01", CnabFixtures.DUE, new BigDecimal("10.01"),
                        CnabFixtures.cpf(1), 1, "PAGADOR 1", "DEBT-1"),
                new RemittanceEntry(5, CnabFixtures.nossoNumero(2), "01", CnabFixtures.DUE, new BigDecimal("10.02"),
                        CnabFixtures.cpf(2), 1, "PAGADOR 2", "DEBT-2"));
        assertThat(summary).isEqualTo(new RemittanceSummary(2, 8, new BigDecimal("20.03")));
    }

    @Test
    void acceptsLfOnly_andRightTrimmedRecords() {
        List<String> trimmed = remessa(2).stream().map(String::stripTrailing).collect(Collectors.toList());
        read(lf(trimmed));
        assertThat(errors).isEmpty();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).payerName()).isEqualTo("PAGADOR 2");
    }

    @Test
    void aFieldThatDoesNotParse_isNull_notAnError() {
        List<String> lines = remessa(1);
        lines.set(2, put(put(lines.get(2), 78, "31022026"), 86, "00000000000ABCD"));
        read(crlf(lines));
        assertThat(entries.getFirst().dueDate()).as("Segmento P 20.3P, 31 Feb").isNull();
        assertThat(entries.getFirst().amount()).as("Segmento P 21.3P, letters").isNull();
    }

    @Test
    void segmentPWithoutQ_isReportedAndSkipped() {
        List<String> lines = remessa(2);
        lines.remove(3); // the first title's Q
        read(crlf(lines));
        assertThat(entries).extracting(RemittanceEntry::nossoNumero).containsExactly(CnabFixtures.nossoNumero(2));
        assertThat(errors).extracting(CnabLineError::line).contains(3);
        assertThat(errors).filteredOn(e -> e.line() == 3).extracting(CnabLineError::reason)
                .containsExactly("segment P without its segment Q (line 4 is another P)");
        assertThat(errors).extracting(CnabLineError::reason)
                .anyMatch(r -> r.startsWith("detail sequence '00003'"))
                .anyMatch(r -> r.startsWith("lot trailer counts '000006' records"));
    }

    @Test
    void sequenceNumbers_lotAndFileCounts_andTotalsAreChecked() {
        List<String> lines = remessa(2);
        lines.set(4, put(lines.get(4), 9, "00009"));            // 04.3P nº sequencial, pos 9-13
        lines.set(6, put(lines.get(6), 30, "00000000000009999")); // 07.5 valor total, pos 30-46
        lines.set(7, put(lines.get(7), 24, "000099"));          // 06.9 quantidade de registros, pos 24-29
        read(crlf(lines));
        assertThat(entries).hasSize(2);
        assertThat(errors).extracting(CnabLineError::line).containsExactly(5, 7, 8);
        assertThat(errors.get(0).reason()).contains("sequence '00009'", "expected 3");
        assertThat(errors.get(1).reason()).contains("lot trailer totals");
        assertThat(errors.get(2).reason()).contains("file trailer counts '000099' records");
    }

    @Test
    void aMissingFileTrailer_failsTheFile() {
        List<String> lines = remessa(1);
        lines.removeLast();
        assertThatThrownBy(() -> read(crlf(lines)))
                .isInstanceOf(CnabFormatException.class)
                .hasMessage("line 6: the file trailer (record type 9) is missing: the file is incomplete");
        assertThat(entries).hasSize(1);
    }

    @Test
    void aFileWithoutHeader_orARetorno_orAnotherBank_isRefused() {
        List<String> lines = remessa(1);
        assertThatThrownBy(() -> read(crlf(lines.subList(1, lines.size()))))
                .isInstanceOf(CnabFormatException.class).hasMessageContaining("line 1: the first record is not a file header");
        assertThatThrownBy(() -> read(crlf(List.of(put(lines.getFirst(), 143, "2")))))
                .hasMessageContaining("pos 143 is '2': a retorno");
        assertThatThrownBy(() -> read(crlf(List.of(put(lines.getFirst(), 1, "341")))))
                .hasMessageContaining("not a Banco do Brasil file");
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty file");
    }

    @Test
    void recordsAfterTheTrailer_orOfUnknownType_areReported() {
        List<String> lines = remessa(1);
        lines.add(3, put(lines.get(3), 8, "7"));
        lines.add(lines.getLast());
        read(crlf(lines));
        assertThat(errors).extracting(CnabLineError::reason)
                .anyMatch(r -> r.contains("record type '7' at pos 8"))
                .anyMatch(r -> r.contains("record after the file trailer"));
    }
}
