package dev.cobranca.core.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceWriter;
import dev.cobranca.core.bank.bb.BancoDoBrasilReturnWriter;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cnab inspect}: remessa or retorno told apart by file header pos 143 (FEBRABAN 240 v10.7, 16.0). */
class CnabInspectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String remessa() {
        StringWriter out = new StringWriter();
        RemittanceFile file = new BancoDoBrasilRemittanceWriter().open(out, CnabFixtures.header(3, TitleTerms.NONE));
        file.add(CnabFixtures.title(1));
        file.add(CnabFixtures.title(2));
        file.finish();
        return out.toString();
    }

    private static String retorno() {
        StringWriter out = new StringWriter();
        ReturnFile file = new BancoDoBrasilReturnWriter().open(out, CnabFixtures.returnHeader(4));
        file.add(CnabFixtures.occurrence("03", 1, List.of("46")));
        file.add(CnabFixtures.occurrence("06", 2, List.of()));
        file.finish();
        return out.toString();
    }

    private static List<JsonNode> inspect(String file) throws Exception {
        StringWriter out = new StringWriter();
        long titles = new CnabInspector().inspect(new ByteArrayInputStream(file.getBytes(StandardCharsets.ISO_8859_1)), out);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize((int) titles);
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : lines) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void aRemessa_oneObjectPerTitle() throws Exception {
        List<JsonNode> titles = inspect(remessa());
        assertThat(titles).hasSize(2);
        JsonNode first = titles.getFirst();
        assertThat(first.get("line").asInt()).isEqualTo(3);
        assertThat(first.get("nossoNumero").asText()).isEqualTo("12345670000000001");
        assertThat(first.get("command").asText()).isEqualTo("01");
        assertThat(first.get("dueDate").asText()).isEqualTo("2026-12-20");
        assertThat(first.get("amount").isNumber()).isTrue();
        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("10.01");
        assertThat(first.get("payerDocument").asText()).isEqualTo(CnabFixtures.cpf(1));
        assertThat(first.get("payerName").asText()).isEqualTo("PAGADOR 1");
    }

    @Test
    void aRetorno_withOccurrencesAndReasons() throws Exception {
        List<JsonNode> titles = inspect(retorno());
        JsonNode rejected = titles.get(0);
        assertThat(rejected.get("occurrence").asText()).isEqualTo("03");
        assertThat(rejected.get("occurrenceName").asText()).isEqualTo("Entrada rejeitada");
        assertThat(rejected.get("rejectionReasons").get(0).get("code").asText()).isEqualTo("46");
        assertThat(rejected.get("rejectionReasons").get(0).get("meaning").asText())
                .isEqualTo("Tipo/número de inscrição do pagador inválidos");
        assertThat(rejected.get("creditDate").isNull()).isTrue();
        JsonNode settled = titles.get(1);
        assertThat(settled.get("occurrence").asText()).isEqualTo("06");
        assertThat(settled.get("paidAmount").decimalValue()).isEqualByComparingTo("152.30");
        assertThat(settled.get("tariff").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(settled.get("occurrenceDate").asText()).isEqualTo("2026-12-02");
        assertThat(settled.get("creditDate").asText()).isEqualTo("2026-12-03");
    }

    @Test
    void aMalformedFile_failsWithLineAndReason() {
        String broken = retorno().replace("000000000015230", "0000000000152X0");
        assertThatThrownBy(() -> inspect(broken))
                .isInstanceOf(CnabFormatException.class)
                .hasMessageStartingWith("line 6: segment U");
        assertThatThrownBy(() -> inspect("not a cnab file\n"))
                .isInstanceOf(CnabFormatException.class).hasMessageContaining("line 1");
        String[] lines = remessa().split("\r\n");
        String noQ = String.join("\r\n", lines[0], lines[1], lines[2], lines[6], lines[7]) + "\r\n";
        assertThatThrownBy(() -> inspect(noQ)).isInstanceOf(CnabFormatException.class).hasMessageStartingWith("line 3: segment P without");
    }
}
