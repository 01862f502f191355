package dev.cobranca.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.charge.Debt;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each field rule of the input, good and bad, one row at a time. */
class DebtValidatorTest {

    private static final CsvHeader HEADER = CsvHeader.resolve(
            new String[] {"name", "governmentId", "email", "debtAmount", "debtDueDate", "debtId"});
    private static final String[] GOOD = {"John Doe", "11111111111", "johndoe@kanastra.com.br", "1000000.00",
        "2022-10-12", "1adb6ccf-045e-4fb8-b6d3-4d8fdde36fca"};

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of(0, "João da Conceição Müller"),
                Arguments.of(0, "  Ana Lúcia  "),
                Arguments.of(0, "Ç".repeat(200)),
                Arguments.of(0, "李小龍"),
                Arguments.of(1, "1234"),
                Arguments.of(1, "111.444.777-35"),
                Arguments.of(1, "11.222.333/0001-81"),
                Arguments.of(1, "1"),
                Arguments.of(1, "12345678901234"),
                Arguments.of(1, "00000000000"),
                Arguments.of(2, "a.b+tag@sub.example.com.br"),
                Arguments.of(2, "x@y.co"),
                Arguments.of(3, "7811"),
                Arguments.of(3, "0.01"),
                Arguments.of(3, "99999999.99"),
                Arguments.of(3, "12.5"),
                Arguments.of(3, "00000000099999999.99"),
                Arguments.of(4, "2020-02-29"),
                Arguments.of(4, "2000-07-03"),
                Arguments.of(4, "2049-10-13"),
                Arguments.of(5, "a.b"),
                Arguments.of(5, "a\\b"),
                Arguments.of(5, "x"),
                Arguments.of(5, "D".repeat(64)));
    }

    @ParameterizedTest(name = "column {0} = ''{1}'' is accepted")
    @MethodSource("goodValues")
    void shouldAcceptRow_whenValueIsValid(int column, String value) {
        String[] cells = GOOD.clone();
        cells[column] = value;

        RowOutcome outcome = new DebtValidator().validate(7, cells, HEADER, "text");

        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
        assertThat(outcome.line()).isEqualTo(7);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(0, "", "name is empty"),
                Arguments.of(0, "   ", "name is empty"),
                Arguments.of(0, "x".repeat(201), "name is longer than 200 characters"),
                Arguments.of(1, "", "governmentId is empty"),
                Arguments.of(1, "123.456.789-0A", "governmentId must hold only digits"),
                Arguments.of(1, "123 456", "governmentId must hold only digits"),
                Arguments.of(1, "123456789012345", "governmentId has more than 14 digits"),
                Arguments.of(2, "", "email is empty"),
                Arguments.of(2, "johndoe", "email is not a valid address"),
                Arguments.of(2, "john doe@x.com", "email is not a valid address"),
                Arguments.of(2, "a@b", "email is not a valid address"),
                Arguments.of(2, "a@b.com, c@d.com", "email is not a valid address"),
                Arguments.of(2, "a..b@x.com", "email is not a valid address"),
                Arguments.of(3, "", "debtAmount is empty"),
                Arguments.of(3, "1500,50", "debtAmount must be a decimal number"),
                Arguments.of(3, "1.000.000,00", "debtAmount must be a decimal number"),
                Arguments.of(3, "R$ 10", "debtAmount must be a decimal number"),
                Arguments.of(3, "1e3", "debtAmount must be a decimal number"),
                Arguments.of(3, "10.505", "debtAmount has more than 2 decimals"),
                Arguments.of(3, "0", "debtAmount must be greater than 0"),
                Arguments.of(3, "0.00", "debtAmount must be greater than 0"),
                Arguments.of(3, "-5.00", "debtAmount must be greater than 0"),
                Arguments.of(3, "100000000.00", "debtAmount is above 99999999.99"),
                Arguments.of(3, "9".repeat(50_000), "debtAmount is above 99999999.99"),
                Arguments.of(3, "1." + "0".repeat(50_000), "debtAmount has more than 2 decimals"),
                Arguments.of(4, "", "debtDueDate is empty"),
                Arguments.of(4, "12/10/2022", "debtDueDate must be a date as yyyy-MM-dd"),
                Arguments.of(4, "2022-1-5", "debtDueDate must be a date as yyyy-MM-dd"),
                Arguments.of(4, "2023-02-29", "debtDueDate is not a calendar date"),
                Arguments.of(4, "2022-13-01", "debtDueDate is not a calendar date"),
                // PostgreSQL's date has no year 0; a boleto's factor starts on 2000-07-03 and its current cycle ends
                // on 2049-10-13 (FEBRABAN, "fator de vencimento", restarted at 1000 on 2025-02-22)
                Arguments.of(4, "0000-01-01", "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of(4, "1999-12-31", "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of(4, "2000-07-02", "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of(4, "2049-10-14", "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of(4, "9999-12-31", "debtDueDate must be between 2000-07-03 and 2049-10-13"),
                Arguments.of(0, "Ana\tMaria", "name contains a control character"),
                Arguments.of(0, "Ana\nMaria", "name contains a control character"),
                Arguments.of(0, "Ana\u0000", "name contains a control character"),
                Arguments.of(0, "Ana\u0085Maria", "name contains a control character"),
                Arguments.of(5, "", "debtId is empty"),
                Arguments.of(5, "D".repeat(65), "debtId is longer than 64 characters"),
                Arguments.of(5, "a\tb", "debtId contains a control character"),
                Arguments.of(5, "../../etc", "debtId must not contain '/' or '..'"),
                Arguments.of(5, "a/b", "debtId must not contain '/' or '..'"),
                Arguments.of(5, "..", "debtId must not contain '/' or '..'"));
    }

    @ParameterizedTest(name = "column {0} = ''{1}'' is rejected: {2}")
    @MethodSource("badValues")
    void shouldRejectRow_whenValueBreaksRule(int column, String value, String reason) {
        String[] cells = GOOD.clone();
        cells[column] = value;

        RowOutcome outcome = new DebtValidator().validate(3, cells, HEADER, "the row");

        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
            assertThat(r.reason()).contains(reason);
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.text()).isEqualTo("the row");
        });
    }

    @org.junit.jupiter.api.Test
    void shouldBoundDueDates_byTheFactorsOfTheFirstAndCurrentCycles() {
        assertThat(dev.cobranca.core.boleto.DueDateFactor.of(DebtValidator.EARLIEST_DUE_DATE)).isEqualTo(1000);
        assertThat(dev.cobranca.core.boleto.DueDateFactor.of(DebtValidator.LATEST_DUE_DATE)).isEqualTo(9999);
        assertThat(DebtValidator.LATEST_DUE_DATE).isEqualTo(LocalDate.of(2049, 10, 13));
    }

    @org.junit.jupiter.api.Test
    void shouldAcceptDatesOutsideTheFactorWindow_whenBoundsAreWidened() {
        String[] cells = GOOD.clone();
        cells[4] = "0000-01-01";

        RowOutcome outcome = new DebtValidator(false, LocalDate.of(0, 1, 1), LocalDate.MAX).validate(2, cells, HEADER, "");

        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalised")
    void shouldNormaliseValues_whenAccepted(String label, String[] cells, Debt expected) {
        RowOutcome outcome = new DebtValidator().validate(2, cells, HEADER, "");

        assertThat(outcome).isEqualTo(new RowOutcome.Accepted(2, expected));
    }

    static Stream<Arguments> normalised() {
        return Stream.of(Arguments.of("punctuation leaves the government id, spaces leave every value",
                new String[] {" José Simões ", " 111.444.777-35 ", " jose@x.com.br ", " 7811 ", " 2022-10-12 ", " d-1 "},
                new Debt("José Simões", "11144477735", "jose@x.com.br", new BigDecimal("7811"),
                        LocalDate.of(2022, 10, 12), "d-1")));
    }

    @ParameterizedTest(name = "strict mode: {0} valid={1}")
    @MethodSource("checkDigits")
    void shouldCheckCpfAndCnpjDigits_whenStrict(String governmentId, boolean valid) {
        String[] cells = GOOD.clone();
        cells[1] = governmentId;

        RowOutcome outcome = new DebtValidator(true).validate(2, cells, HEADER, "");

        assertThat(outcome instanceof RowOutcome.Accepted).isEqualTo(valid);
    }

    static Stream<Arguments> checkDigits() {
        return Stream.of(
                Arguments.of("111.444.777-35", true),
                Arguments.of("11144477736", false),
                Arguments.of("11111111111", false),
                Arguments.of("11.222.333/0001-81", true),
                Arguments.of("11222333000182", false),
                Arguments.of("1234", false));
    }

    private static final CsvHeader WITH_ADDRESS = CsvHeader.resolve(new String[] {"name", "governmentId", "email",
        "debtAmount", "debtDueDate", "debtId", "address", "district", "zipCode", "city", "state"});

    private static String[] withAddress(String address, String district, String zipCode, String city, String state) {
        String[] cells = java.util.Arrays.copyOf(GOOD, 11);
        cells[6] = address;
        cells[7] = district;
        cells[8] = zipCode;
        cells[9] = city;
        cells[10] = state;
        return cells;
    }

    @org.junit.jupiter.api.Test
    void shouldKeepAddress_normalised_whenColumnsArePresent() {
        RowOutcome outcome = new DebtValidator().validate(2,
                withAddress(" Rua São João, 10 ", "Centro", "01.310-100", "São José dos Campos", " sp"), WITH_ADDRESS, "");

        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Accepted.class, a -> assertThat(a.debt().address())
                // kept whole: the remessa cuts the city to its 15 positions, not the import
                .isEqualTo(new dev.cobranca.core.charge.PayerAddress("Rua São João, 10", "Centro", "01310100",
                        "São José dos Campos", "SP")));
    }

    @org.junit.jupiter.api.Test
    void shouldHaveNoAddress_whenCellsAreBlankOrColumnsAbsent() {
        RowOutcome blank = new DebtValidator().validate(2, withAddress("", " ", "", "", ""), WITH_ADDRESS, "");
        RowOutcome shortRow = new DebtValidator().validate(2, GOOD, WITH_ADDRESS, "");
        RowOutcome none = new DebtValidator().validate(2, GOOD, HEADER, "");

        for (RowOutcome outcome : java.util.List.of(blank, shortRow, none)) {
            assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Accepted.class, a -> assertThat(a.debt().address()).isNull());
        }
    }

    static Stream<Arguments> badAddresses() {
        return Stream.of(
                Arguments.of(withAddress(null, null, "0131-0100x", null, null), "zipCode must be a CEP of 8 digits"),
                Arguments.of(withAddress(null, null, "1310-100", null, null), "zipCode must be a CEP of 8 digits"),
                Arguments.of(withAddress(null, null, "013101000", null, null), "zipCode must be a CEP of 8 digits"),
                Arguments.of(withAddress(null, null, null, null, "XX"), "state must be the 2-letter code of a Brazilian state"),
                Arguments.of(withAddress(null, null, null, null, "São Paulo"), "state must be the 2-letter code"),
                Arguments.of(withAddress("Rua\tA", null, null, null, null), "address contains a control character"),
                Arguments.of(withAddress(null, "x".repeat(201), null, null, null), "district is longer than 200 characters"),
                Arguments.of(withAddress(null, null, null, "São\nPaulo", null), "city contains a control character"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badAddresses")
    void shouldRejectRow_whenAddressBreaksRule(String[] cells, String reason) {
        RowOutcome outcome = new DebtValidator().validate(4, cells, WITH_ADDRESS, "the row");

        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason()).contains(reason));
    }
}
