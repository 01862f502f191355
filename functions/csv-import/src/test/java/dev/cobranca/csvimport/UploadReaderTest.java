package dev.cobranca.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.charge.PayerAddress;
import dev.cobranca.core.importing.CsvFormatException;
import dev.cobranca.core.importing.CsvRecordReader;
import dev.cobranca.core.importing.DebtValidator;
import dev.cobranca.core.importing.RowOutcome;
import dev.cobranca.csvimport.sort.Keys;
import dev.cobranca.csvimport.sort.RowCursor;
import dev.cobranca.csvimport.sort.SortedRuns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole files: the CSV shape (header, quoting, lines, columns), read by the import's own reader. */
class UploadReaderTest {

    private static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId\n";

    /** "A" = accepted, "R" = rejected, one letter per data row, each with the line it starts on. */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("plain row", HEADER + "John Doe,11111111111,johndoe@kanastra.com.br,1000000.00,2022-10-12,id-1\n",
                        List.of("A2")),
                Arguments.of("no final line break", HEADER + "John Doe,1234,j@x.com,7811,2022-10-12,id-1",
                        List.of("A2")),
                Arguments.of("CRLF line endings", HEADER.replace("\n", "\r\n") + "Ana,1234,a@x.com,1,2022-10-12,id-1\r\n"
                        + "Bia,1234,b@x.com,2,2022-10-12,id-2\r\n", List.of("A2", "A3")),
                Arguments.of("quoted field with a comma", HEADER + "\"Doe, John\",1234,j@x.com,1,2022-10-12,id-1\n",
                        List.of("A2")),
                // a line break is a control character: no field may hold one (it would reach e-mail headers)
                Arguments.of("quoted field with a line break, next row numbered after it",
                        HEADER + "\"John\nDoe\",1234,j@x.com,1,2022-10-12,id-1\nAna,1234,a@x.com,1,2022-10-12,id-2\n",
                        List.of("R2", "A4")),
                Arguments.of("quoted field with escaped quotes", HEADER + "\"John \"\"JD\"\" Doe\",1234,j@x.com,1,2022-10-12,id-1\n",
                        List.of("A2")),
                Arguments.of("accented names", HEADER + "Conceição Simões Müller,1234,c@x.com,1,2022-10-12,id-1\n",
                        List.of("A2")),
                Arguments.of("empty and blank lines are skipped, lines still counted",
                        HEADER + "\nAna,1234,a@x.com,1,2022-10-12,id-1\n\n   \nBia,1234,b@x.com,1,2022-10-12,id-2\n\n",
                        List.of("A3", "A6")),
                Arguments.of("a row of bare commas is an empty line", HEADER + ",,,,,\nAna,1234,a@x.com,1,2022-10-12,id-1\n",
                        List.of("A3")),
                Arguments.of("trailing commas", HEADER + "Ana,1234,a@x.com,1,2022-10-12,id-1,,\n", List.of("A2")),
                Arguments.of("too many columns", HEADER + "Ana,1234,a@x.com,1,2022-10-12,id-1,surprise\n", List.of("R2")),
                Arguments.of("too few columns", HEADER + "Ana,1234,a@x.com,1,2022-10-12\n", List.of("R2")),
                Arguments.of("hundreds of columns", HEADER + "Ana,1234,a@x.com,1,2022-10-12,id-1" + ",x".repeat(400) + "\n",
                        List.of("R2")),
                Arguments.of("only a header", HEADER, List.of()),
                Arguments.of("a header with extra columns",
                        "note,name,governmentId,email,debtAmount,debtDueDate,debtId,extra\nhi,Ana,1234,a@x.com,1,2022-10-12,id-1,\n",
                        List.of("A2")),
                Arguments.of("BOM", "\uFEFF" + HEADER + "Ana,1234,a@x.com,1,2022-10-12,id-1\n", List.of("A2")),
                Arguments.of("columns in another order",
                        "debtId,debtAmount,debtDueDate,email,governmentId,name\nid-1,10.50,2022-10-12,a@x.com,1234,Ana\n",
                        List.of("A2")),
                Arguments.of("header names in another case, with spaces",
                        " NAME ,GovernmentId,Email,DebtAmount,DebtDueDate,DEBTID\nAna,1234,a@x.com,1,2022-10-12,id-1\n",
                        List.of("A2")),
                Arguments.of("a '#' starts no comment", HEADER + "#1 Ana,1234,a@x.com,1,2022-10-12,id-1\n", List.of("A2")),
                Arguments.of("good and bad rows mixed", HEADER + "Ana,1234,a@x.com,1,2022-10-12,id-1\n"
                        + "Bia,12A4,b@x.com,1,2022-10-12,id-2\nCaio,1234,c@x.com,0,2022-10-12,id-3\n"
                        + "Davi,1234,d@x.com,1,2022-10-12,id-4\n", List.of("A2", "R3", "R4", "A5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shouldReadRows_whenFileHasThatShape(String label, String file, List<String> expected) {
        assertThat(read(bytes(file))).isEqualTo(expected);
    }

    @Test
    void shouldKeepOriginalText_whenRowIsRejected() {
        String row = "\"Doe, John\",1234,not-an-email,-5,2022-10-12,id-1";
        List<RowOutcome> rows = outcomes(bytes(HEADER + row + "\r\n"));

        assertThat(rows).singleElement().isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
            assertThat(r.text()).isEqualTo(row);
            assertThat(r.reason()).contains("email is not a valid address").contains("debtAmount must be greater than 0");
        });
    }

    @Test
    void shouldReadAccentedValues_asUtf8() {
        List<RowOutcome> rows = outcomes(bytes(HEADER + "Conceição,1234,a@x.com,1,2022-10-12,id-ç\n"));

        assertThat(rows).singleElement().isInstanceOfSatisfying(RowOutcome.Accepted.class, a -> {
            assertThat(a.debt().name()).isEqualTo("Conceição");
            assertThat(a.debt().debtId()).isEqualTo("id-ç");
        });
    }

    static Stream<Arguments> unusableFiles() {
        return Stream.of(
                Arguments.of("empty file", new byte[0], "the file is empty"),
                Arguments.of("only blank lines", bytes("\n\n  \n"), "the file is empty"),
                Arguments.of("a header missing columns", bytes("name,email,debtAmount\nAna,a@x.com,1\n"),
                        "lacks required column(s): governmentId, debtDueDate, debtId"),
                Arguments.of("no header, data first", bytes("Ana,1234,a@x.com,1,2022-10-12,id-1\n"),
                        "lacks required column(s): name, governmentId, email, debtAmount, debtDueDate, debtId"),
                Arguments.of("a repeated column", bytes("name,governmentId,email,email,debtAmount,debtDueDate,debtId\n"),
                        "repeats column(s): email"),
                Arguments.of("a binary file", binary(), "the header cannot be read: the row is not UTF-8"),
                Arguments.of("a header over the byte limit", bytes("name," + "x".repeat(70_000) + "\n"),
                        "the header cannot be read: row is 70005 bytes, over the limit of 65536"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    void shouldFailWholeFile_whenHeaderIsUnusable(String label, byte[] file, String message) {
        assertThatThrownBy(() -> outcomes(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldRejectRestOfFileAsOneRow_whenQuoteNeverCloses() {
        String good = "Ana,1234,a@x.com,1,2022-10-12,id-0\n";
        byte[] file = bytes(HEADER + good + "\"Ana,1234,a@x.com,1,2022-10-12,id-1\n"
                + "Bia,1234,b@x.com,1,2022-10-12,id-2\n".repeat(40_000));

        List<RowOutcome> rows = outcomes(file);

        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst()).isInstanceOf(RowOutcome.Accepted.class);
        assertThat(rows.get(1)).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.reason()).isEqualTo("row is " + (file.length - HEADER.length() - good.length())
                    + " bytes, over the limit of 65536 (a quoted value never closes, so the row runs to the end of the file)");
        });
    }

    @Test
    void shouldRejectRowOverByteLimit_withoutHoldingIt_andReadOnAfterIt() {
        String big = "Ana," + "9".repeat(2_000_000) + ",a@x.com,1,2022-10-12,id-big";
        byte[] file = bytes(HEADER + "Ana,1234,a@x.com,1,2022-10-12,id-1\r\n" + big + "\r\n"
                + "\"Bia, Maria\",1234,b@x.com,1,2022-10-12,id-2\n");

        List<RowOutcome> rows = outcomes(file);

        assertThat(rows.stream().map(UploadReaderTest::label)).containsExactly("A2", "R3", "A4");
        assertThat(rows.get(1)).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo("row is " + big.length() + " bytes, over the limit of 65536");
            assertThat(r.text()).hasSize(1_000).startsWith("Ana,999");
        });
    }

    @Test
    void shouldRejectRow_whenBytesAreNotUtf8_sayingWhere() {
        byte[] latin1 = (HEADER + "Jos\u00e9,1234,a@x.com,1,2022-10-12,id-1\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = bytes("\uFFFD is fine,1234,a@x.com,1,2022-10-12,id-2\n");
        byte[] file = new byte[latin1.length + good.length];
        System.arraycopy(latin1, 0, file, 0, latin1.length);
        System.arraycopy(good, 0, file, latin1.length, good.length);

        List<RowOutcome> rows = outcomes(file);

        assertThat(rows.stream().map(UploadReaderTest::label)).containsExactly("R2", "A3");
        assertThat(rows.getFirst()).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .startsWith("the row is not UTF-8: byte 0xE9 at byte 4 of the row"));
    }

    @Test
    void shouldReadAddressColumns_anySubsetInAnyOrder() {
        String file = "zipCode,name,governmentId,email,debtAmount,debtDueDate,debtId,City\n"
                + "01310-100,Ana,1234,a@x.com,1,2022-10-12,id-1,São Paulo\n"
                + ",Bia,1234,b@x.com,1,2022-10-12,id-2,\n";

        List<RowOutcome> rows = outcomes(bytes(file));

        assertThat(rows).extracting(r -> ((RowOutcome.Accepted) r).debt().address()).containsExactly(
                new PayerAddress(null, null, "01310100", "São Paulo", null), null);
    }

    @Test
    void shouldRejectRowWithBadZipCode_withItsLine_andReadTheOthers() {
        String file = HEADER.strip() + ",address,district,zipCode,city,state\n"
                + "Ana,1234,a@x.com,1,2022-10-12,id-1,Rua A 1,Centro,01310-100,São Paulo,SP\n"
                + "Bia,1234,b@x.com,1,2022-10-12,id-2,Rua B 2,Centro,1310-10,São Paulo,SP\n"
                + "Caio,1234,c@x.com,1,2022-10-12,id-3,,,,,\n";

        List<RowOutcome> rows = outcomes(bytes(file));

        assertThat(rows.stream().map(UploadReaderTest::label)).containsExactly("A2", "R3", "A4");
        assertThat(rows.get(1)).isInstanceOfSatisfying(RowOutcome.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("zipCode must be a CEP of 8 digits (e.g. 01310-100)"));
    }

    static List<String> read(byte[] file) {
        return outcomes(file).stream().map(UploadReaderTest::label).toList();
    }

    /**
     * The file through the import's reader, on two threads: the valid rows as the sorted runs hold them (decoded), the
     * rejected ones as the spool merges them, together in line order.
     */
    static List<RowOutcome> outcomes(byte[] file) {
        Path dir;
        try {
            dir = Files.createTempDirectory("upload-reader-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            SortedRuns runs = new SortedRuns(dir, 1 << 20, 4);
            RejectedSpool spool = new RejectedSpool(dir);
            new UploadReader(new DebtValidator(), UploadReaderTest::encode, 2, CsvRecordReader.DEFAULT_MAX_RECORD_BYTES)
                    .read(new ByteArrayInputStream(file), key -> true, runs, spool, () -> { });
            List<RowOutcome> rows = new ArrayList<>();
            try (RowCursor cursor = runs.open(null, null)) {
                while (cursor.next()) {
                    rows.add(new RowOutcome.Accepted(cursor.line(), decode(Keys.text(cursor.key()), cursor.payload())));
                }
            }
            try (RejectedSpool.Merge rejected = spool.merge(List.of())) {
                for (RowOutcome.Rejected r; (r = rejected.next()) != null; ) {
                    rows.add(r);
                }
            }
            rows.sort(Comparator.comparingLong(RowOutcome::line));
            return rows;
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every field, joined by a character no valid row holds ("" for a missing address part). */
    private static byte[] encode(Debt d) {
        PayerAddress a = d.address() == null ? new PayerAddress(null, null, null, null, null) : d.address();
        return String.join("\0", d.name(), d.governmentId(), d.email(), d.amount().toPlainString(),
                d.dueDate().toString(), d.address() == null ? "-" : "+", n(a.address()), n(a.district()),
                n(a.zipCode()), n(a.city()), n(a.state())).getBytes(StandardCharsets.UTF_8);
    }

    private static Debt decode(String debtId, byte[] payload) {
        String[] f = new String(payload, StandardCharsets.UTF_8).split("\0", -1);
        PayerAddress address = f[5].equals("-") ? null : new PayerAddress(e(f[6]), e(f[7]), e(f[8]), e(f[9]), e(f[10]));
        return new Debt(f[0], f[1], f[2], new BigDecimal(f[3]), LocalDate.parse(f[4]), debtId, address);
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    private static String e(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String label(RowOutcome row) {
        return (row instanceof RowOutcome.Accepted ? "A" : "R") + row.line();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binary() {
        byte[] b = new byte[20_000];
        new Random(42).nextBytes(b);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '"') {
                b[i] = 0; // keep the random bytes from opening a quoted value that never closes
            }
        }
        return b;
    }
}
