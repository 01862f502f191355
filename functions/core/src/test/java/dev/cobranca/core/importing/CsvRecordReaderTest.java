package dev.cobranca.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The record splitter on its own; whole files are read through the import's reader (csv-import's UploadReaderTest). */
class CsvRecordReaderTest {

    @Test
    void shouldApplyConfiguredByteLimit_countingBytesNotCharacters() {
        String row = "Conceição,1234,a@x.com,1,2022-10-12,id-1"; // 40 characters, 42 bytes
        byte[] file = (row + "\n" + row + "x\n").getBytes(StandardCharsets.UTF_8);
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(file), 42)) {
            assertThat(reader.next()).isEqualTo(new CsvRecord(1, row));
            CsvRecord over = reader.next();
            assertThat(over.problem()).isEqualTo("row is 43 bytes, over the limit of 42");
            assertThat(over.line()).isEqualTo(2);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void shouldReadHeaderWithOptionalAddressColumns_inAnyOrder_andWithout() {
        CsvHeader with = header("state,debtId,name,governmentId,email,debtAmount,debtDueDate,ZIPCODE\n");
        CsvHeader without = header("name,governmentId,email,debtAmount,debtDueDate,debtId\n");

        assertThat(with.hasAddress()).isTrue();
        assertThat(with.index(DebtColumn.STATE)).isZero();
        assertThat(with.index(DebtColumn.ZIP_CODE)).isEqualTo(7);
        assertThat(with.index(DebtColumn.CITY)).isEqualTo(-1);
        assertThat(without.hasAddress()).isFalse();
        assertThat(without.index(DebtColumn.ADDRESS)).isEqualTo(-1);
    }

    private static CsvHeader header(String text) {
        try (CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            return CsvHeader.read(reader);
        }
    }
}
