package dev.cobranca.core.bank.bb;

import static dev.cobranca.core.bank.CnabFixtures.header;
import static dev.cobranca.core.bank.CnabFixtures.title;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.bank.CnabFixtures;
import dev.cobranca.core.bank.Payer;
import dev.cobranca.core.bank.RemittanceFile;
import dev.cobranca.core.bank.RemittanceSummary;
import dev.cobranca.core.bank.RemittanceTitle;
import dev.cobranca.core.bank.TitleTerms;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Field positions of a Banco do Brasil remessa, against FEBRABAN's layout 240 v10.7 (service "Cobrança", lote 01)
 * and BB's "CNAB 240 - Cobrança" particularities. Positions are 1-based and inclusive, as in the manual.
 */
class BancoDoBrasilRemittanceWriterTest {

    private static final TitleTerms TERMS = new TitleTerms(new BigDecimal("2.00"), new BigDecimal("1.00"),
            new BigDecimal("5.00"), 3, 30);

    private static String[] oneTitle(TitleTerms terms) {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, header(42, terms));
        file.add(new RemittanceTitle(CnabFixtures.nossoNumero(1), "debt-ção-1", CnabFixtures.DUE,
                new BigDecimal("1234.56"), LocalDate.of(2026, 12, 1),
                new Payer("11144477735", "João da Conceição", "Rua São João, 10", "Centro", "01310-100", "São Paulo", "sp")));
        RemittanceSummary summary = file.finish();
        assertThat(summary).isEqualTo(new RemittanceSummary(1, terms.hasFine() ? 7 : 6, new BigDecimal("1234.56")));
        String text = out.toString();
        assertThat(text).endsWith("\r\n");
        return text.split("\r\n");
    }

    private static String f(String record, int from, int to) {
        return record.substring(from - 1, to);
    }

    @Test
    void fileHeader_fields() {
        String h = oneTitle(TERMS)[0];
        // FEBRABAN 240 v10.7, Header de Arquivo (registro 0)
        assertThat(f(h, 1, 3)).as("01.0 banco, pos 1-3 (G001)").isEqualTo("001");
        assertThat(f(h, 4, 7)).as("02.0 lote, pos 4-7 (G002): 0000 in the file header").isEqualTo("0000");
        assertThat(f(h, 8, 8)).as("03.0 registro, pos 8 (G003)").isEqualTo("0");
        assertThat(f(h, 9, 17)).as("04.0 CNAB, pos 9-17").isBlank();
        assertThat(f(h, 18, 18)).as("05.0 tipo de inscrição, pos 18 (G005): 2 CNPJ").isEqualTo("2");
        assertThat(f(h, 19, 32)).as("06.0 número de inscrição, pos 19-32 (G006)").isEqualTo("11222333000181");
        // BB: pos 33-41 convênio (9), 42-45 "0014", 46-47 carteira, 48-50 variação, 51-52 blank
        assertThat(f(h, 33, 52)).as("07.0 convênio, pos 33-52 (G007, BB particularity)").isEqualTo("001234567001417019  ");
        assertThat(f(h, 53, 57)).as("08.0 agência, pos 53-57 (G008)").isEqualTo("01234");
        assertThat(f(h, 58, 58)).as("09.0 DV agência, pos 58 (G009)").isEqualTo("3");
        assertThat(f(h, 59, 70)).as("10.0 conta, pos 59-70 (G010)").isEqualTo("000000056789");
        assertThat(f(h, 71, 71)).as("11.0 DV conta, pos 71 (G011)").isEqualTo("X");
        assertThat(f(h, 72, 72)).as("12.0 DV ag/conta, pos 72 (G012): blank at BB").isBlank();
        assertThat(f(h, 73, 102)).as("13.0 nome da empresa, pos 73-102 (G013)").isEqualTo("%-30s".formatted("COBRANCA EXEMPLO LTDA"));
        assertThat(f(h, 103, 132)).as("14.0 nome do banco, pos 103-132 (G014)").isEqualTo("%-30s".formatted("BANCO DO BRASIL S.A."));
        assertThat(f(h, 143, 143)).as("16.0 código remessa/retorno, pos 143 (G015): 1 remessa").isEqualTo("1");
        assertThat(f(h, 144, 151)).as("17.0 data de geração DDMMAAAA, pos 144-151 (G016)").isEqualTo("01122026");
        assertThat(f(h, 152, 157)).as("18.0 hora de geração HHMMSS, pos 152-157 (G017)").isEqualTo("143005");
        assertThat(f(h, 158, 163)).as("19.0 NSA, pos 158-163 (G018)").isEqualTo("000042");
        assertThat(f(h, 164, 166)).as("20.0 versão do layout do arquivo, pos 164-166 (G019)").isEqualTo("083");
        assertThat(f(h, 167, 171)).as("21.0 densidade, pos 167-171 (G020)").isEqualTo("00000");
        assertThat(f(h, 172, 240)).as("22.0-24.0 reservado banco/empresa, CNAB, pos 172-240").isBlank();
    }

    @Test
    void lotHeader_fields() {
        String l = oneTitle(TERMS)[1];
        // FEBRABAN 240 v10.7, Header de Lote (registro 1), serviço cobrança
        assertThat(f(l, 1, 3)).as("01.1 banco, pos 1-3").isEqualTo("001");
        assertThat(f(l, 4, 7)).as("02.1 lote, pos 4-7").isEqualTo("0001");
        assertThat(f(l, 8, 8)).as("03.1 registro, pos 8").isEqualTo("1");
        assertThat(f(l, 9, 9)).as("04.1 operação, pos 9 (G028): R remessa").isEqualTo("R");
        assertThat(f(l, 10, 11)).as("05.1 serviço, pos 10-11 (G025): 01 cobrança").isEqualTo("01");
        assertThat(f(l, 12, 13)).as("06.1 CNAB, pos 12-13").isBlank();
        assertThat(f(l, 14, 16)).as("07.1 versão do layout do lote, pos 14-16 (G030)").isEqualTo("042");
        assertThat(f(l, 18, 18)).as("09.1 tipo de inscrição, pos 18").isEqualTo("2");
        assertThat(f(l, 19, 33)).as("10.1 número de inscrição, pos 19-33 (15 digits)").isEqualTo("011222333000181");
        assertThat(f(l, 34, 53)).as("11.1 convênio, pos 34-53 (BB particularity)").isEqualTo("001234567001417019  ");
        assertThat(f(l, 54, 58)).as("12.1 agência, pos 54-58").isEqualTo("01234");
        assertThat(f(l, 59, 59)).as("13.1 DV agência, pos 59").isEqualTo("3");
        assertThat(f(l, 60, 71)).as("14.1 conta, pos 60-71").isEqualTo("000000056789");
        assertThat(f(l, 72, 72)).as("15.1 DV conta, pos 72").isEqualTo("X");
        assertThat(f(l, 74, 103)).as("17.1 nome da empresa, pos 74-103").startsWith("COBRANCA EXEMPLO LTDA");
        assertThat(f(l, 104, 183)).as("18.1-19.1 mensagens 1 e 2, pos 104-183").isBlank();
        assertThat(f(l, 184, 191)).as("20.1 número remessa/retorno, pos 184-191 (G079)").isEqualTo("00000042");
        assertThat(f(l, 192, 199)).as("21.1 data de gravação, pos 192-199").isEqualTo("01122026");
        assertThat(f(l, 200, 207)).as("22.1 data do crédito, pos 200-207: zeros in a remessa").isEqualTo("00000000");
        assertThat(f(l, 208, 240)).as("23.1 CNAB, pos 208-240").isBlank();
    }

    @Test
    void segmentP_fields() {
        String p = oneTitle(TERMS)[2];
        // FEBRABAN 240 v10.7, Registro Detalhe - Segmento P (obrigatório, remessa)
        assertThat(f(p, 1, 8)).as("01.3P-03.3P banco, lote, registro 3, pos 1-8").isEqualTo("00100013");
        assertThat(f(p, 9, 13)).as("04.3P nº sequencial do registro no lote, pos 9-13 (G038)").isEqualTo("00001");
        assertThat(f(p, 14, 14)).as("05.3P segmento, pos 14 (G039)").isEqualTo("P");
        assertThat(f(p, 16, 17)).as("07.3P código de movimento remessa, pos 16-17 (C004): 01 entrada").isEqualTo("01");
        assertThat(f(p, 18, 22)).as("08.3P agência, pos 18-22").isEqualTo("01234");
        assertThat(f(p, 23, 23)).as("09.3P DV agência, pos 23").isEqualTo("3");
        assertThat(f(p, 24, 35)).as("10.3P conta, pos 24-35").isEqualTo("000000056789");
        assertThat(f(p, 36, 36)).as("11.3P DV conta, pos 36").isEqualTo("X");
        assertThat(f(p, 37, 37)).as("12.3P DV ag/conta, pos 37").isBlank();
        assertThat(f(p, 38, 57)).as("13.3P nosso número, pos 38-57 (G069; BB 7-digit convênio: 17 digits, left-aligned)")
                .isEqualTo("12345670000000001   ");
        assertThat(f(p, 58, 58)).as("14.3P carteira, pos 58 (C006; BB: 7 = carteira 17 simples)").isEqualTo("7");
        assertThat(f(p, 59, 59)).as("15.3P forma de cadastramento, pos 59 (C007): 1 com cadastramento").isEqualTo("1");
        assertThat(f(p, 60, 60)).as("16.3P tipo de documento, pos 60 (C008)").isEqualTo("1");
        assertThat(f(p, 61, 61)).as("17.3P emissão do boleto, pos 61 (C009): 2 beneficiário emite").isEqualTo("2");
        assertThat(f(p, 62, 62)).as("18.3P distribuição, pos 62 (C010): 2 beneficiário distribui").isEqualTo("2");
        assertThat(f(p, 63, 77)).as("19.3P número do documento (seu número), pos 63-77 (C011)").isEqualTo("%-15s".formatted("DEBT-CAO-1"));
        assertThat(f(p, 78, 85)).as("20.3P vencimento, pos 78-85 (C012)").isEqualTo("20122026");
        assertThat(f(p, 86, 100)).as("21.3P valor nominal 13V2, pos 86-100 (G070)").isEqualTo("000000000123456");
        assertThat(f(p, 101, 106)).as("22.3P-23.3P agência cobradora e DV, pos 101-106").isEqualTo("000000");
        assertThat(f(p, 107, 108)).as("24.3P espécie do título, pos 107-108 (C015): 02 DM").isEqualTo("02");
        assertThat(f(p, 109, 109)).as("25.3P aceite, pos 109 (C016)").isEqualTo("N");
        assertThat(f(p, 110, 117)).as("26.3P data de emissão, pos 110-117 (G071)").isEqualTo("01122026");
        assertThat(f(p, 118, 118)).as("27.3P código dos juros de mora, pos 118 (C018): 2 taxa mensal").isEqualTo("2");
        assertThat(f(p, 119, 126)).as("28.3P data dos juros, pos 119-126 (C019): day after due").isEqualTo("21122026");
        assertThat(f(p, 127, 141)).as("29.3P juros de mora (taxa), pos 127-141 (C020)").isEqualTo("000000000000100");
        assertThat(f(p, 142, 142)).as("30.3P código do desconto 1, pos 142 (C021): 1 valor fixo até a data").isEqualTo("1");
        assertThat(f(p, 143, 150)).as("31.3P data do desconto 1, pos 143-150 (C022)").isEqualTo("17122026");
        assertThat(f(p, 151, 165)).as("32.3P valor do desconto 1, pos 151-165 (C023)").isEqualTo("000000000000500");
        assertThat(f(p, 166, 195)).as("33.3P-34.3P IOF, abatimento, pos 166-195").isEqualTo("0".repeat(30));
        assertThat(f(p, 196, 220)).as("35.3P uso da empresa, pos 196-220 (G072)").isEqualTo("%-25s".formatted("DEBT-CAO-1"));
        assertThat(f(p, 221, 223)).as("36.3P-37.3P protesto, pos 221-223 (C026-C027): 3 não protestar").isEqualTo("300");
        assertThat(f(p, 224, 227)).as("38.3P-39.3P baixa/devolução, pos 224-227 (C028-C029): 1, 30 days").isEqualTo("1030");
        assertThat(f(p, 228, 229)).as("40.3P código da moeda, pos 228-229 (G065): 09 real").isEqualTo("09");
        assertThat(f(p, 230, 239)).as("41.3P nº do contrato, pos 230-239").isEqualTo("0000000000");
        assertThat(f(p, 240, 240)).as("42.3P uso livre, pos 240").isBlank();
    }

    @Test
    void segmentP_withoutTerms_isExemptOfInterestAndDiscount() {
        String p = oneTitle(TitleTerms.NONE)[2];
        assertThat(f(p, 118, 141)).as("Segmento P 27.3P-29.3P: 3 isento, zeros").isEqualTo("3" + "0".repeat(23));
        assertThat(f(p, 142, 165)).as("Segmento P 30.3P-32.3P: 0 sem desconto").isEqualTo("0" + "0".repeat(23));
        assertThat(f(p, 224, 227)).as("Segmento P 38.3P-39.3P: the convênio's own term").isEqualTo("0000");
    }

    @Test
    void segmentQ_fields() {
        String q = oneTitle(TERMS)[3];
        // FEBRABAN 240 v10.7, Registro Detalhe - Segmento Q (obrigatório, remessa)
        assertThat(f(q, 9, 14)).as("04.3Q-05.3Q sequence and segment, pos 9-14").isEqualTo("00002Q");
        assertThat(f(q, 16, 17)).as("07.3Q código de movimento, pos 16-17").isEqualTo("01");
        assertThat(f(q, 18, 18)).as("08.3Q tipo de inscrição do pagador, pos 18: 1 CPF").isEqualTo("1");
        assertThat(f(q, 19, 33)).as("09.3Q número de inscrição, pos 19-33").isEqualTo("000011144477735");
        assertThat(f(q, 34, 73)).as("10.3Q nome, pos 34-73, upper case ASCII").isEqualTo("%-40s".formatted("JOAO DA CONCEICAO"));
        assertThat(f(q, 74, 113)).as("11.3Q endereço, pos 74-113").isEqualTo("%-40s".formatted("RUA SAO JOAO, 10"));
        assertThat(f(q, 114, 128)).as("12.3Q bairro, pos 114-128").isEqualTo("%-15s".formatted("CENTRO"));
        assertThat(f(q, 129, 136)).as("13.3Q-14.3Q CEP and sufixo, pos 129-136").isEqualTo("01310100");
        assertThat(f(q, 137, 151)).as("15.3Q cidade, pos 137-151").isEqualTo("%-15s".formatted("SAO PAULO"));
        assertThat(f(q, 152, 153)).as("16.3Q UF, pos 152-153").isEqualTo("SP");
        assertThat(f(q, 154, 169)).as("17.3Q-18.3Q sacador/avalista, pos 154-169: 0, none").isEqualTo("0".repeat(16));
        assertThat(f(q, 170, 209)).as("19.3Q nome do sacador, pos 170-209").isBlank();
        assertThat(f(q, 210, 212)).as("20.3Q banco correspondente, pos 210-212").isEqualTo("000");
        assertThat(f(q, 213, 240)).as("21.3Q-22.3Q, pos 213-240").isBlank();
    }

    @Test
    void segmentQ_blankAddress_isSpacesAndZeroCep() {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, header(1, TitleTerms.NONE));
        file.add(title(7));
        file.finish();
        String q = out.toString().split("\r\n")[3];
        assertThat(f(q, 74, 128)).as("Segmento Q 11.3Q-12.3Q endereço, bairro").isBlank();
        assertThat(f(q, 129, 136)).as("Segmento Q 13.3Q-14.3Q CEP").isEqualTo("00000000");
        assertThat(f(q, 137, 153)).as("Segmento Q 15.3Q-16.3Q cidade, UF").isBlank();
    }

    @Test
    void segmentR_fields_onlyWithFineOrDiscount() {
        String r = oneTitle(TERMS)[4];
        // FEBRABAN 240 v10.7, Registro Detalhe - Segmento R (opcional, remessa)
        assertThat(f(r, 9, 14)).as("04.3R-05.3R, pos 9-14").isEqualTo("00003R");
        assertThat(f(r, 16, 17)).as("07.3R código de movimento, pos 16-17").isEqualTo("01");
        assertThat(f(r, 18, 65)).as("08.3R-13.3R descontos 2 e 3, pos 18-65: none").isEqualTo("0".repeat(48));
        assertThat(f(r, 66, 66)).as("14.3R código da multa, pos 66 (G073): 2 percentual").isEqualTo("2");
        assertThat(f(r, 67, 74)).as("15.3R data da multa, pos 67-74 (G074)").isEqualTo("21122026");
        assertThat(f(r, 75, 89)).as("16.3R valor/percentual da multa, pos 75-89 (G075)").isEqualTo("000000000000200");
        assertThat(f(r, 90, 199)).as("17.3R-20.3R informação, mensagens 3 e 4, pos 90-199").isBlank();

        String[] without = oneTitle(TitleTerms.NONE);
        assertThat(without).hasSize(6);
        assertThat(f(without[4], 8, 8)).as("no R: the lot trailer follows Q").isEqualTo("5");
    }

    @Test
    void trailers_countAndTotal() {
        String[] lines = oneTitle(TERMS);
        String lot = lines[5];
        // FEBRABAN 240 v10.7, Trailer de Lote (registro 5)
        assertThat(f(lot, 1, 8)).as("01.5-03.5, pos 1-8").isEqualTo("00100015");
        assertThat(f(lot, 9, 17)).as("04.5 CNAB, pos 9-17").isBlank();
        assertThat(f(lot, 18, 23)).as("05.5 quantidade de registros do lote, pos 18-23 (G057)").isEqualTo("000005");
        assertThat(f(lot, 24, 29)).as("06.5 quantidade de títulos em cobrança simples, pos 24-29 (C070)").isEqualTo("000001");
        assertThat(f(lot, 30, 46)).as("07.5 valor total dos títulos, pos 30-46 (C071)").isEqualTo("00000000000123456");
        String file = lines[6];
        // FEBRABAN 240 v10.7, Trailer de Arquivo (registro 9)
        assertThat(f(file, 1, 8)).as("01.9-03.9 banco, lote 9999, registro 9, pos 1-8").isEqualTo("00199999");
        assertThat(f(file, 18, 23)).as("05.9 quantidade de lotes, pos 18-23 (G049)").isEqualTo("000001");
        assertThat(f(file, 24, 29)).as("06.9 quantidade de registros, pos 24-29 (G056)").isEqualTo("000007");
        assertThat(f(file, 30, 240)).as("07.9-08.9, pos 30-240").isEqualTo("000000" + " ".repeat(205));
    }

    @Test
    void everyRecord_is240UpperCaseAsciiCharacters() {
        for (String line : oneTitle(TERMS)) {
            assertThat(line).hasSize(240);
            assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7F && !(c >= 'a' && c <= 'z'));
        }
    }

    @Test
    void rejectsATitle_withoutWritingIt() {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, header(1, TitleTerms.NONE));
        RemittanceTitle good = title(1);
        assertThatThrownBy(() -> file.add(new RemittanceTitle("9999999000000001", "x", good.dueDate(), good.amount(),
                null, good.payer()))).hasMessageContaining("17 digits starting with the convênio 1234567");
        assertThatThrownBy(() -> file.add(new RemittanceTitle(good.nossoNumero(), "x", good.dueDate(),
                new BigDecimal("1.001"), null, good.payer()))).hasMessageContaining("at most 2 decimals");
        assertThatThrownBy(() -> file.add(new RemittanceTitle(good.nossoNumero(), "x", good.dueDate(), good.amount(),
                null, new Payer("123", "X", null, null, null, null, null)))).hasMessageContaining("CPF");
        file.add(good);
        assertThat(file.finish().titles()).isEqualTo(1);
        assertThat(out.toString().split("\r\n")).hasSize(6);
    }

    @Test
    void rejectsAHeader_thatBbCannotRead() {
        assertThatThrownBy(() -> new BancoDoBrasilRemittanceWriter().open(new StringWriter(),
                new dev.cobranca.core.bank.RemittanceHeader(CnabFixtures.BENEFICIARY, "3", "X", "19", 1,
                        CnabFixtures.GENERATED_AT, TitleTerms.NONE)))
                .hasMessageContaining("variação da carteira must be 3 digits");
        assertThatThrownBy(() -> new BancoDoBrasilRemittanceWriter().open(new StringWriter(), header(1_000_000, TitleTerms.NONE)))
                .hasMessageContaining("NSA must be 1..999999");
    }
}
