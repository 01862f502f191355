package dev.cobranca.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.importing.CsvHeader;
import dev.cobranca.core.importing.CsvRecord;
import dev.cobranca.core.importing.CsvRecordReader;
import dev.cobranca.core.importing.DebtRowParser;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.importing.RowOutcome;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleDebtGeneratorTest {

    @Test
    void shouldWriteTheSameFile_forTheSameSeed() {
        assertThat(file(1_000, 7, 5)).isEqualTo(file(1_000, 7, 5)).isNotEqualTo(file(1_000, 8, 5));
    }

    @Test
    void shouldWriteRowsTheImportAcceptsOrRejects_asGenerated() {
        SampleDebtGenerator generator = new SampleDebtGenerator(3, 10);
        List<SampleRow> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder(SampleDebtGenerator.HEADER).append('\n');
        for (int i = 0; i < 5_000; i++) {
            SampleRow row = generator.next();
            rows.add(row);
            csv.append(row.csv()).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        List<RowOutcome> outcomes = outcomes(bytes);

        assertThat(outcomes).hasSameSizeAs(rows);
        Set<DirtyKind> kinds = EnumSet.noneOf(DirtyKind.class);
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(outcomes.get(i) instanceof RowOutcome.Accepted).as(rows.get(i).csv()).isEqualTo(rows.get(i).valid());
            if (!rows.get(i).valid()) {
                kinds.add(rows.get(i).dirt());
            } else {
                emails.add(((RowOutcome.Accepted) outcomes.get(i)).debt().email());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(DirtyKind.values());
        assertThat(rows.stream().filter(r -> !r.valid()).count()).isBetween(400L, 600L);
        assertThat(emails.size()).as("some people owe several debts").isLessThan(4_000);
        assertThat(bytes.length / rows.size()).isBetween(95, 125);
    }

    /** Read as the import reads: records, the header, each record parsed and validated. */
    private static List<RowOutcome> outcomes(byte[] bytes) {
        List<RowOutcome> outcomes = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(bytes))) {
            DebtRowParser parser = new DebtRowParser(CsvHeader.read(reader), new DebtValidator());
            for (CsvRecord record; (record = reader.next()) != null; ) {
                outcomes.add(parser.parse(record));
            }
        }
        return outcomes;
    }

    @Test
    void shouldWriteAddressColumns_thatTheImportReads_withTheSameRowsOtherwise() {
        StringWriter out = new StringWriter();
        SampleDebtGenerator.write(out, 500, 7, 0, true);
        String[] lines = out.toString().split("\n");

        List<RowOutcome> outcomes = outcomes(out.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(lines[0]).isEqualTo(SampleDebtGenerator.HEADER_WITH_ADDRESS);
        assertThat(outcomes).hasSize(500).allMatch(o -> o instanceof RowOutcome.Accepted);
        long withAddress = outcomes.stream().filter(o -> ((RowOutcome.Accepted) o).debt().address() != null).count();
        assertThat(withAddress).as("four rows in five").isBetween(350L, 450L);
        String[] plain = file(500, 7, 0).split("\n");
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).startsWith(plain[i] + ",");
        }
    }

    private static String file(int rows, long seed, double dirty) {
        StringWriter out = new StringWriter();
        SampleDebtGenerator.write(out, rows, seed, dirty);
        return out.toString();
    }

    @Test
    void shouldGiveMostCpfsValidCheckDigits_soThatTheLocalBankRegistersThem() {
        assertThat(dev.cobranca.core.importing.GovernmentIds.hasValidCheckDigits(SampleDebtGenerator.cpfMostly("52998224799"))).isTrue();
        assertThat(SampleDebtGenerator.cpfMostly("52998224799")).isEqualTo("52998224725"); // a known valid CPF
        assertThat(SampleDebtGenerator.cpfMostly("12345678012")).as("the eighth digit 0: left invalid").isEqualTo("12345678012");
    }
}
