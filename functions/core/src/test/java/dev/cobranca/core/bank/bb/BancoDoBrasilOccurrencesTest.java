package dev.cobranca.core.bank.bb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.bank.OccurrenceKind;
import org.junit.jupiter.api.Test;

/** FEBRABAN 240 v10.7 notes C044 (código de movimento retorno) and C047 (motivo da ocorrência), as BB uses them. */
class BancoDoBrasilOccurrencesTest {

    @Test
    void kinds() {
        assertThat(BancoDoBrasilOccurrences.kind("02")).isEqualTo(OccurrenceKind.CONFIRMED);
        for (String code : new String[] {"03", "26", "30"}) {
            assertThat(BancoDoBrasilOccurrences.kind(code)).as(code).isEqualTo(OccurrenceKind.REJECTED);
        }
        assertThat(BancoDoBrasilOccurrences.kind("06")).isEqualTo(OccurrenceKind.SETTLED);
        assertThat(BancoDoBrasilOccurrences.kind("17")).isEqualTo(OccurrenceKind.SETTLED);
        assertThat(BancoDoBrasilOccurrences.kind("09")).isEqualTo(OccurrenceKind.WRITTEN_OFF);
        assertThat(BancoDoBrasilOccurrences.kind("25")).isEqualTo(OccurrenceKind.WRITTEN_OFF);
        assertThat(BancoDoBrasilOccurrences.kind("28")).isEqualTo(OccurrenceKind.OTHER);
        assertThat(BancoDoBrasilOccurrences.kind("99")).isEqualTo(OccurrenceKind.OTHER);
    }

    @Test
    void names() {
        assertThat(BancoDoBrasilOccurrences.name("02")).isEqualTo("Entrada confirmada");
        assertThat(BancoDoBrasilOccurrences.name("06")).isEqualTo("Liquidação");
        assertThat(BancoDoBrasilOccurrences.name("99")).isEqualTo("Ocorrência desconhecida 99");
        assertThat(BancoDoBrasilOccurrences.isKnown("28")).isTrue();
        assertThat(BancoDoBrasilOccurrences.isKnown("99")).isFalse();
    }

    @Test
    void aReasonMeansWhatItsOccurrenceSays() {
        // C047: one table for 02/03/26/30, one for 28, one for 06/09/17
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("03", "45")).isEqualTo("Nome do pagador não informado");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("03", "46")).isEqualTo("Tipo/número de inscrição do pagador inválidos");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("03", "09")).isEqualTo("Nosso número duplicado");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("09", "09")).isEqualTo("Comandada banco");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("06", "33")).isEqualTo("Liquidação na internet (home banking)");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("28", "04")).isEqualTo("Tarifa de protesto");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("02", "A4")).isEqualTo("Pagador DDA");
        assertThat(BancoDoBrasilOccurrences.reasonMeaning("03", "ZZ")).isEqualTo("Motivo ZZ (sem descrição para a ocorrência 03)");
    }
}
