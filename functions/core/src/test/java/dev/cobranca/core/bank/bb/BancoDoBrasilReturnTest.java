package dev.cobranca.core.bank.bb;

import static dev.cobranca.core.bank.CnabFixtures.occurrence;
import static dev.cobranca.core.bank.bb.CnabText.crlf;
import static dev.cobranca.core.bank.bb.CnabText.lf;
import static dev.cobranca.core.bank.bb.CnabText.put;
import static dev.cobranca.core.bank.bb.CnabText.retorno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.bank.CnabFixtures;
import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.OccurrenceKind;
import dev.cobranca.core.bank.ReturnHeader;
import dev.cobranca.core.bank.ReturnListener;
import dev.cobranca.core.bank.ReturnOccurrence;
import dev.cobranca.core.bank.ReturnSummary;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Retornos written from the layout and read back: segments T and U and the headers against FEBRABAN 240 v10.7
 * (Cobrança, retorno), each occurrence family, and the shapes real files come in.
 */
class BancoDoBrasilReturnTest {

    private final List<ReturnHeader> headers = new ArrayList<>();
    private final List<ReturnOccurrence> occurrences = new ArrayList<>();
    private final List<CnabLineError> errors = new ArrayList<>();

    private final ReturnListener listener = new ReturnListener() {
        @Override
        public void onHeader(ReturnHeader header) {
            headers.add(header);
        }

        @Override
        public void onOccurrence(ReturnOccurrence occurrence) {
            occurrences.add(occurrence);
        }

        @Override
        public void onError(CnabLineError error) {
            errors.add(error);
        }
    };

    private static List<ReturnOccurrence> everyFamily() {
        return List.of(
                occurrence("02", 1, List.of()),
                occurrence("03", 2, List.of("45", "46")),
                occurrence("06", 3, List.of("33")),
                occurrence("17", 4, List.of()),
                occurrence("09", 5, List.of("10")),
                occurrence("25", 6, List.of()),
                occurrence("98", 7, List.of()));
    }

    private static String f(String record, int from, int to) {
        return record.substring(from - 1, to);
    }

    @Test
    void headers_fields() {
        List<String> lines = retorno(List.of(occurrence("06", 3, List.of("33"))));
        String h = lines.getFirst();
        // FEBRABAN 240 v10.7, Header de Arquivo (registro 0), retorno
        assertThat(f(h, 1, 8)).as("01.0-03.0, pos 1-8").isEqualTo("00100000");
        assertThat(f(h, 33, 52)).as("07.0 convênio, pos 33-52 (BB)").isEqualTo("001234567001417019  ");
        assertThat(f(h, 143, 143)).as("16.0 código remessa/retorno, pos 143: 2 retorno").isEqualTo("2");
        assertThat(f(h, 158, 163)).as("19.0 NSA, pos 158-163").isEqualTo("000077");
        String l = lines.get(1);
        // FEBRABAN 240 v10.7, Header de Lote (registro 1), retorno
        assertThat(f(l, 8, 11)).as("03.1-05.1 registro 1, operação T (retorno), serviço 01, pos 8-11").isEqualTo("1T01");
        assertThat(f(l, 184, 191)).as("20.1 número remessa/retorno, pos 184-191").isEqualTo("00000077");
        String trailer = lines.get(4);
        assertThat(f(trailer, 18, 46)).as("Trailer de Lote 05.5-07.5: 4 records, 1 title, 150.00")
                .isEqualTo("000004" + "000001" + "00000000000015000");
        assertThat(f(lines.get(5), 18, 29)).as("Trailer de Arquivo 05.9-06.9: 1 lot, 6 records").isEqualTo("000001000006");
    }

    @Test
    void segmentT_fields() {
        String t = record(List.of(occurrence("06", 3, List.of("33", "04"))), 3);
        // FEBRABAN 240 v10.7, Registro Detalhe - Segmento T (obrigatório, retorno)
        assertThat(f(t, 1, 14)).as("01.3T-05.3T, pos 1-14").isEqualTo("0010001300001T");
        assertThat(f(t, 16, 17)).as("07.3T código de movimento retorno, pos 16-17 (C044)").isEqualTo("06");
        assertThat(f(t, 18, 36)).as("08.3T-11.3T agência, DV, conta, DV, pos 18-36").isEqualTo("012343000000056789X");
        assertThat(f(t, 38, 57)).as("13.3T nosso número, pos 38-57 (G069)").isEqualTo("12345670000000003   ");
        assertThat(f(t, 58, 58)).as("14.3T carteira, pos 58").isEqualTo("7");
        assertThat(f(t, 59, 73)).as("15.3T número do documento, pos 59-73 (C011)").isEqualTo("%-15s".formatted("DEBT-3"));
        assertThat(f(t, 74, 81)).as("16.3T vencimento, pos 74-81").isEqualTo("20122026");
        assertThat(f(t, 82, 96)).as("17.3T valor nominal, pos 82-96").isEqualTo("000000000015000");
        assertThat(f(t, 97, 99)).as("18.3T banco cobrador, pos 97-99").isEqualTo("001");
        assertThat(f(t, 106, 130)).as("21.3T identificação do título na empresa, pos 106-130").startsWith("DEBT-3");
        assertThat(f(t, 131, 132)).as("22.3T código da moeda, pos 131-132").isEqualTo("09");
        assertThat(f(t, 199, 213)).as("27.3T valor da tarifa/custas, pos 199-213 (G076)").isEqualTo("000000000000150");
        assertThat(f(t, 214, 223)).as("28.3T motivo da ocorrência, pos 214-223 (C047)").isEqualTo("3304      ");
        assertThat(f(t, 224, 240)).as("29.3T CNAB, pos 224-240").isBlank();
    }

    @Test
    void segmentU_fields() {
        String u = record(List.of(occurrence("06", 3, List.of("33"))), 4);
        // FEBRABAN 240 v10.7, Registro Detalhe - Segmento U (obrigatório, retorno)
        assertThat(f(u, 9, 17)).as("04.3U-07.3U, pos 9-17").isEqualTo("00002U 06");
        assertThat(f(u, 18, 32)).as("08.3U juros/multa/encargos, pos 18-32 (C048)").isEqualTo("000000000000230");
        assertThat(f(u, 33, 47)).as("09.3U desconto concedido, pos 33-47").isEqualTo("000000000000000");
        assertThat(f(u, 78, 92)).as("12.3U valor pago pelo pagador, pos 78-92 (C052)").isEqualTo("000000000015230");
        assertThat(f(u, 93, 107)).as("13.3U valor líquido a ser creditado, pos 93-107 (C053)").isEqualTo("000000000015080");
        assertThat(f(u, 138, 145)).as("16.3U data da ocorrência, pos 138-145 (C056)").isEqualTo("02122026");
        assertThat(f(u, 146, 153)).as("17.3U data do crédito, pos 146-153 (C057)").isEqualTo("03122026");
        assertThat(f(u, 234, 240)).as("24.3U CNAB, pos 234-240").isBlank();
    }

    @Test
    void everyOccurrenceFamily_isRead() {
        ReturnSummary summary = new BancoDoBrasilReturnReader().read(new StringReader(crlf(retorno(everyFamily()))), listener);
        assertThat(errors).isEmpty();
        assertThat(headers).containsExactly(new ReturnHeader("001", "1234567", 77, LocalDate.of(2026, 12, 1)));
        assertThat(summary).isEqualTo(new ReturnSummary(7, 0, 18));
        assertThat(occurrences).extracting(ReturnOccurrence::code, ReturnOccurrence::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("02", OccurrenceKind.CONFIRMED),
                org.assertj.core.groups.Tuple.tuple("03", OccurrenceKind.REJECTED),
                org.assertj.core.groups.Tuple.tuple("06", OccurrenceKind.SETTLED),
                org.assertj.core.groups.Tuple.tuple("17", OccurrenceKind.SETTLED),
                org.assertj.core.groups.Tuple.tuple("09", OccurrenceKind.WRITTEN_OFF),
                org.assertj.core.groups.Tuple.tuple("25", OccurrenceKind.WRITTEN_OFF),
                org.assertj.core.groups.Tuple.tuple("98", OccurrenceKind.OTHER));
        ReturnOccurrence rejected = occurrences.get(1);
        assertThat(rejected.rejectionReasons()).containsExactly("45", "46");
        assertThat(rejected.codeName()).isEqualTo("Entrada rejeitada");
        ReturnOccurrence settled = occurrences.get(2);
        assertThat(settled).isEqualTo(new ReturnOccurrence(7, CnabFixtures.nossoNumero(3), "DEBT-3", "06", "Liquidação",
                OccurrenceKind.SETTLED, CnabFixtures.DUE, new BigDecimal("150.00"), new BigDecimal("152.30"),
                new BigDecimal("1.50"), new BigDecimal("2.30"), new BigDecimal("0.00"), LocalDate.of(2026, 12, 2),
                LocalDate.of(2026, 12, 3), List.of("33")));
        assertThat(occurrences.get(0).creditDate()).as("zeros are no date").isNull();
        assertThat(occurrences.get(6).codeName()).isEqualTo("Ocorrência desconhecida 98");
    }

    @Test
    void rightTrimmed_lfOnly_overLong_andLatin1_areAllRead() {
        List<String> lines = retorno(everyFamily());
        // Latin-1 text where BB puts the payer's name (T 20.3T, pos 149-188) and the company's (header 13.0)
        lines.set(2, put(lines.get(2), 149, "JOÃO DA CONCEIÇÃO"));
        lines.set(0, put(lines.getFirst(), 73, "CONFECÇÕES AÇAÍ"));
        String trimmedLf = lf(lines.stream().map(String::stripTrailing).collect(Collectors.toList()));
        new BancoDoBrasilReturnReader().read(new ByteArrayInputStream(trimmedLf.getBytes(StandardCharsets.ISO_8859_1)), listener);
        assertThat(errors).isEmpty();
        assertThat(occurrences).hasSize(7);

        occurrences.clear();
        String overLong = crlf(lines.stream().map(l -> l + "0000123").collect(Collectors.toList()));
        new BancoDoBrasilReturnReader().read(new ByteArrayInputStream(overLong.getBytes(StandardCharsets.ISO_8859_1)), listener);
        assertThat(errors).isEmpty();
        assertThat(occurrences).hasSize(7);
        assertThat(occurrences.get(2).rejectionReasons()).containsExactly("33");
    }

    @Test
    void aRetornoSavedAsUtf8_isStillReadField_byField() {
        List<String> lines = retorno(everyFamily());
        lines.set(6, put(lines.get(6), 149, "JOÃO DA CONCEIÇÃO"));  // T of the settled title, 20.3T nome do pagador
        byte[] utf8 = crlf(lines).getBytes(StandardCharsets.UTF_8); // 3 accented letters: that record is 243 bytes
        new BancoDoBrasilReturnReader().read(new ByteArrayInputStream(utf8), listener);
        assertThat(errors).isEmpty();
        ReturnOccurrence settled = occurrences.get(2);
        assertThat(settled.tariff()).as("27.3T, after the name").isEqualByComparingTo("1.50");
        assertThat(settled.rejectionReasons()).as("28.3T, after the name").containsExactly("33");
    }

    @Test
    void aMalformedLine_isReported_andTheOtherTitlesStillComeThrough() {
        List<String> lines = retorno(everyFamily());
        lines.set(4, put(lines.get(4), 82, "0000000001A5000")); // T of the 2nd occurrence: 17.3T valor nominal
        lines.set(7, put(lines.get(7), 138, "32132026"));       // U of the 3rd: 16.3U data da ocorrência
        lines.remove(12);                                        // the 6th occurrence's T... gone
        ReturnSummary summary = new BancoDoBrasilReturnReader().read(new StringReader(crlf(lines)), listener);
        assertThat(occurrences).extracting(ReturnOccurrence::code).containsExactly("02", "17", "09", "98");
        assertThat(errors).extracting(CnabLineError::line).contains(5, 8, 13);
        assertThat(errors.get(0).reason()).contains("amount '0000000001A5000' (pos 82-96) is not a number");
        assertThat(errors.get(1).reason()).contains("pos 138-145 '32132026'");
        assertThat(errors).extracting(CnabLineError::reason).anyMatch(r -> r.contains("segment U without a segment T"));
        assertThat(summary.errors()).isEqualTo(errors.size());
    }

    @Test
    void aFileWithoutHeaderOrTrailer_isAnError() {
        List<String> lines = retorno(everyFamily());
        assertThatThrownBy(() -> new BancoDoBrasilReturnReader().read(new StringReader(crlf(lines.subList(1, lines.size()))), listener))
                .isInstanceOf(CnabFormatException.class).hasMessageContaining("line 1: the first record is not a file header");
        occurrences.clear();
        assertThatThrownBy(() -> new BancoDoBrasilReturnReader().read(new StringReader(crlf(lines.subList(0, lines.size() - 2))), listener))
                .isInstanceOf(CnabFormatException.class)
                .hasMessage("line 17: the file trailer (record type 9) is missing: the file is incomplete");
        assertThat(occurrences).as("what came before was delivered; the caller's transaction decides").hasSize(7);
        assertThatThrownBy(() -> new BancoDoBrasilReturnReader().read(new StringReader(crlf(CnabText.remessa(1))), listener))
                .hasMessageContaining("pos 143 is '1': a remessa, expected a retorno (2)");
    }

    private static String record(List<ReturnOccurrence> occurrences, int line) {
        return CnabText.retorno(occurrences).get(line - 1);
    }
}
