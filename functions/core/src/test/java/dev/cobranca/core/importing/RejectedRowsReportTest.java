package dev.cobranca.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RejectedRowsReportTest {

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "=HYPERLINK(\"x\")|'=HYPERLINK(\"x\")",
        "+1|'+1",
        "-5.00,x|'-5.00,x",
        "@SUM(A1)|'@SUM(A1)",
        "John Doe|John Doe"})
    void shouldNeutraliseFormulas_whenCellStartsWithTrigger(String cell, String expected) {
        assertThat(RejectedRowsReport.neutralise(cell)).isEqualTo(expected);
        assertThat(RejectedRowsReport.neutralise("\t" + cell)).isEqualTo("'\t" + cell);
    }

    @Test
    void shouldWriteLineReasonAndRow_quotedAsCsv() {
        StringWriter out = new StringWriter();
        try (RejectedRowsReport report = new RejectedRowsReport(out)) {
            report.write(3, "email is not a valid address", "\"Doe, John\",1234,x,1,2022-10-12,id");
            report.write(9, "debtAmount must be greater than 0", "=cmd|' /C calc'!A0,1,a@x.com,-1,2022-10-12,id");
        }

        assertThat(out.toString()).isEqualTo("""
                line,reason,row\r
                3,email is not a valid address,\"\"\"Doe, John\"\",1234,x,1,2022-10-12,id\"\r
                9,debtAmount must be greater than 0,\"'=cmd|' /C calc'!A0,1,a@x.com,-1,2022-10-12,id\"\r
                """);
    }
}
