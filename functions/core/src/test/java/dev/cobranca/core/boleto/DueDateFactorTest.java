package dev.cobranca.core.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueDateFactorTest {

    // Sources: kivanio/brcobranca spec/brcobranca/calculo_data_spec.rb (fator_vencimento examples, including the
    // 2025 restart) and FEBRABAN "Manual Operacional do Fator de Vencimento da Cobrança Bancária" v01 (2012)
    // examples 1000 = 03/07/2000, 5316 = 27/04/2012, 9998 = 20/02/2025, 9999 = 21/02/2025.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2000-07-03, 1000",
            "2000-07-04, 1001",
            "2000-07-05, 1002",
            "2002-05-01, 1667",
            "2008-02-01, 3769",
            "2008-02-02, 3770",
            "2008-02-06, 3774",
            "2010-11-17, 4789",
            "2012-04-27, 5316",
            "2025-02-20, 9998",
            "2025-02-21, 9999",
            "2025-02-22, 1000",
            "2025-02-23, 1001",
    })
    void shouldComputePublishedFactors(LocalDate date, int factor) {
        assertThat(DueDateFactor.of(date)).isEqualTo(factor);
    }

    @Test
    void shouldRestartAt1000_every9000DaysAfter2025() {
        // the new count reaches 9999 again on 2049-10-13 (the date announced with the 2025 restart)
        assertThat(DueDateFactor.of(LocalDate.of(2049, 10, 13))).isEqualTo(9999);
        assertThat(DueDateFactor.of(LocalDate.of(2049, 10, 14))).isEqualTo(1000);
    }

    @Test
    void shouldHaveNoFactor_forTheBaseDateItself() {
        // 1997-10-07 is day 0; factor 0000 is reserved for "no due date", and days 1..999 were never printed
        // (the factor took effect for due dates from 2000-07-03, factor 1000), so such dates are refused.
        assertThatThrownBy(() -> DueDateFactor.of(LocalDate.of(1997, 10, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000-07-03");
        assertThatThrownBy(() -> DueDateFactor.of(LocalDate.of(2000, 7, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadFactorBack_relativeToReferenceDate() {
        // the same factor 1000 is 2000-07-03 for a reader in 2001 and 2025-02-22 for a reader in 2026
        assertThat(DueDateFactor.toDate(1000, LocalDate.of(2001, 1, 1))).contains(LocalDate.of(2000, 7, 3));
        assertThat(DueDateFactor.toDate(1000, LocalDate.of(2026, 11, 1))).contains(LocalDate.of(2025, 2, 22));
        // an overdue boleto of 2024 read in 2026 is still 2024, not 2049
        assertThat(DueDateFactor.toDate(9999, LocalDate.of(2026, 11, 1))).contains(LocalDate.of(2025, 2, 21));
        assertThat(DueDateFactor.toDate(0, LocalDate.of(2026, 11, 1))).isEmpty();
    }

    @Test
    void shouldRoundTripEveryDay_withinTheReadingWindow() {
        LocalDate reference = LocalDate.of(2026, 11, 1);
        for (LocalDate d = reference.minusDays(3000); d.isBefore(reference.plusDays(6000)); d = d.plusDays(1)) {
            assertThat(DueDateFactor.toDate(DueDateFactor.of(d), reference)).contains(d);
        }
    }
}
