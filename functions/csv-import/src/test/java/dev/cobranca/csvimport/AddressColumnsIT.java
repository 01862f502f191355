package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.testfixtures.EmulatedAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The optional address columns (issue 10) through the real import into PostgreSQL: read when the header names them
 * (any subset, any order), stored in the charges' payer columns for the remessa's segment Q, checked lightly; a file
 * without them loads as before.
 */
class AddressColumnsIT {

    private static final String PAYER = "select debt_id || '|' || coalesce(payer_address, '-') || '|'"
            + " || coalesce(payer_district, '-') || '|' || coalesce(payer_zip_code, '-') || '|'"
            + " || coalesce(payer_city, '-') || '|' || coalesce(payer_state, '-') from charges order by debt_id";

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(ImportFixture.BUCKET).withSqs();
    @RegisterExtension
    final ImportFixture fx = new ImportFixture(AWS);

    @Test
    void shouldStoreTheAddress_whenTheHeaderNamesItsColumns_onBothLoadingPaths() throws Exception {
        String csv = "State,debtId,name,governmentId,email,debtAmount,debtDueDate,zipCode,address,city,district\n"
                + "sp,d-1,Ana,1234,a@x.com,1,2022-10-12,01310-100,\"Avenida Paulista, 1000\",São Paulo,Bela Vista\n"
                + ",d-2,Bia,1234,b@x.com,2,2022-10-12,,,,\n"
                + "RJ,d-3,Caio,1234,c@x.com,3,2022-10-12,20.040-020,,Rio de Janeiro,\n";
        // a second file naming d-1 again: its key ranges load through staging (the careful path), not plain COPY
        String again = "name,governmentId,email,debtAmount,debtDueDate,debtId,city,state\n"
                + "Ana,1234,a@x.com,1,2022-10-12,d-1,Curitiba,PR\n"
                + "Davi,1234,d@x.com,4,2022-10-12,d-4,Salvador,BA\n";

        ImportResult first = fx.service(2).importObject(fx.put("uploads/addresses.csv", bytes(csv)));
        ImportResult second = fx.service(2).importObject(fx.put("uploads/addresses-again.csv", bytes(again)));

        assertThat(first.status()).isEqualTo(UploadStatus.IMPORTED);
        assertThat(first.rows()).isEqualTo(new ImportCounts(3, 0, 3, 3, 0));
        assertThat(second.rows()).isEqualTo(new ImportCounts(2, 0, 2, 1, 1));
        assertThat(fx.query(PAYER)).containsExactly(
                "d-1|Avenida Paulista, 1000|Bela Vista|01310100|São Paulo|SP", // the first file's: a duplicate changes nothing
                "d-2|-|-|-|-|-",
                "d-3|-|-|20040020|Rio de Janeiro|RJ",
                "d-4|-|-|-|Salvador|BA");
    }

    @Test
    void shouldLeaveTheAddressNull_whenTheFileHasNoAddressColumns() throws Exception {
        String csv = SampleDebtGenerator.HEADER + "\nAna,1234,a@x.com,1,2022-10-12,d-1\nBia,1234,b@x.com,2,2022-10-12,d-2\n";

        ImportResult result = fx.service(1_000).importObject(fx.put("uploads/plain.csv", bytes(csv)));

        assertThat(result.rows()).isEqualTo(new ImportCounts(2, 0, 2, 2, 0));
        assertThat(fx.query(PAYER)).containsExactly("d-1|-|-|-|-|-", "d-2|-|-|-|-|-");
        assertThat(fx.upload(result.uploadId())).containsEntry("rejected_report_key", null);
    }

    @Test
    void shouldRejectARowWithABadZipCode_withItsLineAndReason_whileTheGoodRowsLand() throws Exception {
        String csv = SampleDebtGenerator.HEADER_WITH_ADDRESS + "\n"
                + "Ana,1234,a@x.com,1,2022-10-12,d-1,Rua A 1,Centro,01310-100,São Paulo,SP\n"
                + "Bia,1234,b@x.com,2,2022-10-12,d-2,Rua B 2,Centro,0131-010,São Paulo,SP\n"
                + "Caio,1234,c@x.com,3,2022-10-12,d-3,Rua C 3,Centro,01310-100,São Paulo,São Paulo\n"
                + "Davi,1234,d@x.com,4,2022-10-12,d-4,,,,,\n";

        ImportResult result = fx.service(1_000).importObject(fx.put("uploads/bad-zip.csv", bytes(csv)));

        assertThat(result.rows()).isEqualTo(new ImportCounts(4, 2, 2, 2, 0));
        assertThat(fx.query("select debt_id from charges order by debt_id")).containsExactly("d-1", "d-4");
        List<String> report = fx.object("reports/" + result.uploadId() + "/rejected.csv").lines().toList();
        assertThat(report).containsExactly("line,reason,row",
                "3,zipCode must be a CEP of 8 digits (e.g. 01310-100),\"Bia,1234,b@x.com,2,2022-10-12,d-2,Rua B 2,Centro,0131-010,São Paulo,SP\"",
                "4,\"state must be the 2-letter code of a Brazilian state (UF, e.g. SP)\",\"Caio,1234,c@x.com,3,2022-10-12,d-3,Rua C 3,Centro,01310-100,São Paulo,São Paulo\"");
        assertThat(fx.drainQueue()).flatExtracting(m -> m.debtIds()).containsExactlyInAnyOrder("d-1", "d-4");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
