package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.message.InvoiceRequested;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.sample.SampleRow;
import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.testfixtures.EmulatedAws;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows that some later stage would refuse (the database, the bucket, the boleto, the heap), alone and among good rows:
 * each costs its own row, with its line and reason in the report; the good rows are charged and enqueued; the upload
 * never stays IMPORTING.
 */
class HostileRowsIT {

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(ImportFixture.BUCKET).withSqs();
    @RegisterExtension
    final ImportFixture fx = new ImportFixture(AWS);

    /** Each hostile row: its bytes and the reason the report must give. */
    static Stream<Arguments> hostileRows() {
        return Stream.of(
                Arguments.of("year 0", bytes("Bia,1234,bia@x.com,10.00,0000-01-01,h-year0"),
                        "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of("a date past the factor's cycle", bytes("Bia,1234,bia@x.com,10.00,2050-01-01,h-2050"),
                        "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of("a path in the debtId", bytes("Bia,1234,bia@x.com,10.00,2024-05-10,../../etc"),
                        "debtId must not contain '/' or '..'"),
                Arguments.of("a control character in the name", bytes("Bia\u0007,1234,bia@x.com,10.00,2024-05-10,h-bell"),
                        "name contains a control character"),
                Arguments.of("a line break in a quoted name", bytes("\"Bia\nSouza\",1234,bia@x.com,10.00,2024-05-10,h-lf"),
                        "name contains a control character"),
                Arguments.of("fifty thousand digits", bytes("Bia,1234,bia@x.com," + "9".repeat(50_000) + ",2024-05-10,h-digits"),
                        "debtAmount is above 99999999.99"),
                Arguments.of("Latin-1 bytes", "Jos\u00e9,1234,jose@x.com,10.00,2024-05-10,h-latin1".getBytes(StandardCharsets.ISO_8859_1),
                        "the row is not UTF-8: byte 0xE9 at byte 4 of the row"),
                Arguments.of("a 2 MB row", bytes("Bia,1234,bia@x.com,10.00,2024-05-10,h-big," + "x".repeat(2_000_000)),
                        "row is 2000042 bytes, over the limit of 65536"),
                Arguments.of("a row just over the limit", bytes("Bia," + "y".repeat(65_536) + ",bia@x.com,10.00,2024-05-10,h-over"),
                        "row is 65574 bytes, over the limit of 65536"));
    }

    @ParameterizedTest(name = "{0}, alone")
    @MethodSource("hostileRows")
    void shouldRejectRowWithLineAndReason_andEndTheUpload_whenFileHoldsOnlyIt(String label, byte[] row, String reason)
            throws Exception {
        ImportResult result = fx.service(1_000).importObject(fx.put("uploads/alone.csv", file(List.of(row))));

        assertThat(result.status()).isIn(UploadStatus.IMPORTED, UploadStatus.COMPLETED);
        assertThat(result.rows()).isEqualTo(new ImportCounts(1, 1, 0, 0, 0));
        assertThat(fx.upload(result.uploadId()).get("status")).isNotEqualTo("IMPORTING");
        List<String[]> report = report(result);
        assertThat(report).hasSize(2);
        assertThat(report.get(1)[0]).isEqualTo("2");
        assertThat(report.get(1)[1]).contains(reason);
        assertThat(fx.query("select count(*) from charges")).containsExactly("0");
    }

    @Test
    void shouldChargeEveryGoodRow_andReportEachHostileOne_whenMixed() throws Exception {
        List<Arguments> hostile = hostileRows().toList();
        Map<Long, String> expectedReasons = new LinkedHashMap<>();
        Set<String> good = new HashSet<>();
        List<byte[]> rows = new java.util.ArrayList<>();
        SampleDebtGenerator generator = new SampleDebtGenerator(3, 0);
        long line = 2;
        for (int i = 0; i < 3_000; i++) {
            if (i % 300 == 150) {
                Object[] h = hostile.get(i / 300 % hostile.size()).get();
                byte[] row = (byte[]) h[1];
                expectedReasons.put(line, (String) h[2]);
                rows.add(row);
                line += 1 + new String(row, StandardCharsets.ISO_8859_1).chars().filter(c -> c == '\n').count();
            }
            SampleRow row = generator.next();
            good.add(row.debtId());
            rows.add(bytes(row.csv()));
            line++;
        }
        assertThat(expectedReasons).hasSize(10);

        ImportResult result = fx.service(700).importObject(fx.put("uploads/mixed.csv", file(rows)));

        assertThat(result.status()).isEqualTo(UploadStatus.IMPORTED);
        assertThat(result.rows()).isEqualTo(new ImportCounts(3_010, 10, 3_000, 3_000, 0));
        assertThat(new HashSet<>(fx.query("select debt_id from charges"))).isEqualTo(good);
        assertThat(invoiced(fx.drainQueue())).isEqualTo(good);
        Map<Long, String> reported = new LinkedHashMap<>();
        List<String[]> report = report(result);
        assertThat(report).hasSize(11);
        for (String[] entry : report.subList(1, 11)) {
            reported.put(Long.parseLong(entry[0]), entry[1]);
        }
        assertThat(reported.keySet()).containsExactlyElementsOf(lines(expectedReasons));
        expectedReasons.forEach((at, reason) -> assertThat(reported.get(at)).contains(reason));
    }

    @Test
    void shouldIsolateRowsTheDatabaseRefuses_andLoadTheRestOfTheirRanges() throws Exception {
        // a lax validator lets year 0 through (PostgreSQL has no year 0), and a check constraint refuses one name:
        // both reach COPY, so only the key range's split can keep them from failing the file
        fx.execute("alter table charges add constraint it_refuses_name check (name <> 'Refused By Check')");
        try {
            DebtValidator lax = new DebtValidator(false, LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31));
            StringBuilder csv = new StringBuilder(SampleDebtGenerator.HEADER).append('\n');
            Set<String> good = new HashSet<>();
            SampleDebtGenerator generator = new SampleDebtGenerator(5, 0);
            for (int i = 0; i < 5_000; i++) {
                SampleRow row = generator.next();
                csv.append(row.csv()).append('\n');
                good.add(row.debtId());
                if (i == 1_234) {
                    csv.append("Bia,1234,bia@x.com,10.00,0000-01-01,").append(row.debtId()).append("-year0\n");
                }
                if (i == 3_210) {
                    csv.append("Refused By Check,1234,c@x.com,10.00,2024-05-10,").append(row.debtId()).append("-check\n");
                }
            }

            ImportResult result = fx.service(2_000, lax, 65_536)
                    .importObject(fx.put("uploads/refused.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));

            assertThat(result.status()).isEqualTo(UploadStatus.IMPORTED);
            assertThat(result.rows()).isEqualTo(new ImportCounts(5_002, 2, 5_000, 5_000, 0));
            assertThat(new HashSet<>(fx.query("select debt_id from charges"))).isEqualTo(good);
            assertThat(invoiced(fx.drainQueue())).isEqualTo(good);
            List<String[]> report = report(result);
            assertThat(report).hasSize(3);
            assertThat(report.get(1)[0]).isEqualTo("1237");
            assertThat(report.get(1)[1]).startsWith("the database refused the row: ").contains("0000-01-01");
            assertThat(report.get(1)[2]).startsWith("Bia,1234,bia@x.com,10.00,0000-01-01,").endsWith("-year0");
            assertThat(report.get(2)[0]).isEqualTo("3214");
            assertThat(report.get(2)[1]).startsWith("the database refused the row: ").contains("it_refuses_name");
            assertThat(report.get(2)[2]).startsWith("Refused By Check,1234,c@x.com,10.00,2024-05-10,").endsWith("-check");
            assertThat(fx.upload(result.uploadId())).containsEntry("rows_rejected", 2L).containsEntry("rows_duplicate", 0L);
        } finally {
            fx.execute("alter table charges drop constraint it_refuses_name");
        }
    }

    /** A crash in the middle of the load, or after its last key range, before the report has the refused rows. */
    enum Crash {
        AFTER_A_RANGE_WITH_A_REFUSAL, AFTER_THE_LAST_RANGE
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Crash.class)
    void shouldReportRowsTheDatabaseRefused_whenARetryFinishesTheImport(Crash crash) throws Exception {
        DebtValidator lax = new DebtValidator(false, LocalDate.of(0, 1, 1), LocalDate.of(9999, 12, 31));
        StringBuilder csv = new StringBuilder(SampleDebtGenerator.HEADER).append('\n');
        SampleDebtGenerator generator = new SampleDebtGenerator(11, 5); // 5% of the rows break a rule of the file
        List<Long> fileRejects = new java.util.ArrayList<>();
        List<Long> refused = new java.util.ArrayList<>();
        for (long line = 2; line < 4_000; line++) {
            SampleRow row = generator.next();
            csv.append(row.csv()).append('\n');
            if (!row.valid()) {
                fileRejects.add(line);
            }
            if (line % 400 == 0) { // one in every key range, most likely
                csv.append("Bia,1234,bia@x.com,10.00,0000-01-01,year0-").append(line).append('\n');
                refused.add(++line);
            }
        }
        StoredObject object = fx.put("uploads/refused-crash.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        ImportProgress dies = new ImportProgress() {
            @Override
            public synchronized void keyRangeLoaded(java.util.UUID uploadId, int rangeNo, long inserted) {
                try {
                    String left = crash == Crash.AFTER_THE_LAST_RANGE
                            ? "select count(*) = 0 from import_key_ranges where not done"
                            : "select count(*) > 0 from import_key_ranges where refused is not null";
                    if (fx.query(left).getFirst().equals("t")) {
                        throw new IllegalStateException("connection lost");
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.service(800, lax, 65_536, dies).importObject(object))
                .hasMessageContaining("connection lost");
        assertThat(fx.query("select count(*) > 0 from import_key_ranges where refused is not null")).containsExactly("t");
        ImportResult result = fx.service(800, lax, 65_536).importObject(object);

        assertThat(result.status()).isEqualTo(UploadStatus.IMPORTED);
        List<Long> expected = new java.util.ArrayList<>(fileRejects);
        expected.addAll(refused);
        expected.sort(null);
        List<String[]> report = report(result);
        assertThat(report.getFirst()).containsExactly("line", "reason", "row");
        assertThat(report.stream().skip(1).map(r -> Long.parseLong(r[0])).toList()).isEqualTo(expected);
        assertThat(report.stream().skip(1).filter(r -> r[1].startsWith("the database refused the row: ")).count())
                .isEqualTo(refused.size());
        assertThat(result.rows().rejected()).isEqualTo(expected.size());
        assertThat(fx.upload(result.uploadId())).containsEntry("rejected_report_key",
                "reports/" + result.uploadId() + "/rejected.csv");
    }

    /** The rejected-rows report, parsed as the CSV it is (a reported row may span lines). */
    private List<String[]> report(ImportResult result) {
        com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.setMaxCharsPerColumn(-1);
        return new com.univocity.parsers.csv.CsvParser(settings)
                .parseAll(new java.io.StringReader(fx.object("reports/" + result.uploadId() + "/rejected.csv")));
    }

    private static List<Long> lines(Map<Long, String> reasons) {
        return List.copyOf(reasons.keySet());
    }

    private static Set<String> invoiced(List<InvoiceRequested> messages) {
        List<String> ids = messages.stream().flatMap(m -> m.debtIds().stream()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        return new HashSet<>(ids);
    }

    private static byte[] file(List<byte[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(SampleDebtGenerator.HEADER + "\n"));
        for (byte[] row : rows) {
            out.writeBytes(row);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
