package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.OccurrenceKind;
import java.util.Map;
import java.util.Set;

/**
 * Banco do Brasil's retorno occurrence codes ("código de movimento retorno", segment T pos 16-17; FEBRABAN 240
 * note C044) and the reasons that come with them (T pos 214-223, five 2-character codes; FEBRABAN note C047):
 * one table for entries and instructions rejected or confirmed (02, 03, 26, 30), one for tariffs (28), one for
 * settlements and write-offs (06, 09, 17).
 */
public final class BancoDoBrasilOccurrences {

    private BancoDoBrasilOccurrences() {
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("02", "Entrada confirmada"),
            Map.entry("03", "Entrada rejeitada"),
            Map.entry("04", "Transferência de carteira/entrada"),
            Map.entry("05", "Transferência de carteira/baixa"),
            Map.entry("06", "Liquidação"),
            Map.entry("07", "Confirmação do recebimento da instrução de desconto"),
            Map.entry("08", "Confirmação do recebimento do cancelamento do desconto"),
            Map.entry("09", "Baixa"),
            Map.entry("11", "Títulos em carteira (em ser)"),
            Map.entry("12", "Confirmação recebimento instrução de abatimento"),
            Map.entry("13", "Confirmação recebimento instrução de cancelamento abatimento"),
            Map.entry("14", "Confirmação recebimento instrução alteração de vencimento"),
            Map.entry("15", "Franco de pagamento"),
            Map.entry("17", "Liquidação após baixa ou liquidação título não registrado"),
            Map.entry("19", "Confirmação recebimento instrução de protesto"),
            Map.entry("20", "Confirmação recebimento instrução de sustação/cancelamento de protesto"),
            Map.entry("23", "Remessa a cartório (aponte em cartório)"),
            Map.entry("24", "Retirada de cartório e manutenção em carteira"),
            Map.entry("25", "Protestado e baixado (baixa por ter sido protestado)"),
            Map.entry("26", "Instrução rejeitada"),
            Map.entry("27", "Confirmação do pedido de alteração de outros dados"),
            Map.entry("28", "Débito de tarifas/custas"),
            Map.entry("29", "Ocorrências do pagador"),
            Map.entry("30", "Alteração de dados rejeitada"),
            Map.entry("44", "Título pago com cheque devolvido"),
            Map.entry("45", "Título pago com cheque compensado"),
            Map.entry("50", "Título pago com cheque pendente de compensação"));

    private static final Set<String> REJECTED = Set.of("03", "26", "30");
    private static final Set<String> SETTLED = Set.of("06", "17");
    private static final Set<String> WRITTEN_OFF = Set.of("09", "25");

    /** C047 for 02, 03, 26 and 30: why an entry or an instruction was refused (or, under 02, a remark). */
    private static final Map<String, String> REJECTION_REASONS = Map.ofEntries(
            Map.entry("01", "Código do banco inválido"),
            Map.entry("02", "Código do registro detalhe inválido"),
            Map.entry("03", "Código do segmento inválido"),
            Map.entry("04", "Código de movimento não permitido para carteira"),
            Map.entry("05", "Código de movimento inválido"),
            Map.entry("06", "Tipo/número de inscrição do beneficiário inválidos"),
            Map.entry("07", "Agência/conta/DV inválido"),
            Map.entry("08", "Nosso número inválido"),
            Map.entry("09", "Nosso número duplicado"),
            Map.entry("10", "Carteira inválida"),
            Map.entry("11", "Forma de cadastramento do título inválido"),
            Map.entry("12", "Tipo de documento inválido"),
            Map.entry("13", "Identificação da emissão do boleto inválida"),
            Map.entry("14", "Identificação da distribuição do boleto inválida"),
            Map.entry("15", "Características da cobrança incompatíveis"),
            Map.entry("16", "Data de vencimento inválida"),
            Map.entry("17", "Data de vencimento anterior a data de emissão"),
            Map.entry("18", "Vencimento fora do prazo de operação"),
            Map.entry("20", "Valor do título inválido"),
            Map.entry("21", "Espécie do título inválida"),
            Map.entry("22", "Espécie do título não permitida para a carteira"),
            Map.entry("23", "Aceite inválido"),
            Map.entry("24", "Data da emissão inválida"),
            Map.entry("25", "Data da emissão posterior a data de entrada"),
            Map.entry("26", "Código de juros de mora inválido"),
            Map.entry("27", "Valor/taxa de juros de mora inválido"),
            Map.entry("28", "Código do desconto inválido"),
            Map.entry("29", "Valor do desconto maior ou igual ao valor do título"),
            Map.entry("30", "Desconto a conceder não confere"),
            Map.entry("31", "Concessão de desconto - já existe desconto anterior"),
            Map.entry("32", "Valor do IOF inválido"),
            Map.entry("33", "Valor do abatimento inválido"),
            Map.entry("34", "Valor do abatimento maior ou igual ao valor do título"),
            Map.entry("37", "Código para protesto inválido"),
            Map.entry("38", "Prazo para protesto inválido"),
            Map.entry("39", "Pedido de protesto não permitido para o título"),
            Map.entry("40", "Título com ordem de protesto emitida"),
            Map.entry("41", "Pedido de cancelamento/sustação para títulos sem instrução de protesto"),
            Map.entry("42", "Código para baixa/devolução inválido"),
            Map.entry("43", "Prazo para baixa/devolução inválido"),
            Map.entry("44", "Código da moeda inválido"),
            Map.entry("45", "Nome do pagador não informado"),
            Map.entry("46", "Tipo/número de inscrição do pagador inválidos"),
            Map.entry("47", "Endereço do pagador não informado"),
            Map.entry("48", "CEP inválido"),
            Map.entry("49", "CEP sem praça de cobrança (não localizado)"),
            Map.entry("50", "CEP referente a um banco correspondente"),
            Map.entry("51", "CEP incompatível com a unidade da federação"),
            Map.entry("52", "Unidade da federação inválida"),
            Map.entry("53", "Tipo/número de inscrição do sacador/avalista inválidos"),
            Map.entry("54", "Sacador/avalista não informado"),
            Map.entry("57", "Código da multa inválido"),
            Map.entry("58", "Data da multa inválida"),
            Map.entry("59", "Valor/percentual da multa inválido"),
            Map.entry("60", "Movimento para título não cadastrado"),
            Map.entry("61", "Alteração da agência cobradora/DV inválida"),
            Map.entry("62", "Tipo de impressão inválido"),
            Map.entry("63", "Entrada para título já cadastrado"),
            Map.entry("79", "Data juros de mora inválida"),
            Map.entry("80", "Data do desconto inválida"),
            Map.entry("85", "Título com pagamento vinculado"),
            Map.entry("86", "Seu número inválido"),
            Map.entry("A4", "Pagador DDA"),
            Map.entry("A5", "Registro rejeitado - título já liquidado"),
            Map.entry("A6", "Código do convenente inválido ou encerrado"),
            Map.entry("A7", "Título já se encontra na situação pretendida"));

    /** C047 for 28: which tariff or cost was debited. */
    private static final Map<String, String> TARIFF_REASONS = Map.ofEntries(
            Map.entry("01", "Tarifa de extrato de posição"),
            Map.entry("02", "Tarifa de manutenção de título vencido"),
            Map.entry("03", "Tarifa de sustação"),
            Map.entry("04", "Tarifa de protesto"),
            Map.entry("05", "Tarifa de outras instruções"),
            Map.entry("06", "Tarifa de outras ocorrências"),
            Map.entry("07", "Tarifa de envio de duplicata ao pagador"),
            Map.entry("08", "Custas de protesto"),
            Map.entry("09", "Custas de sustação de protesto"),
            Map.entry("10", "Custas de cartório distribuidor"),
            Map.entry("11", "Custas de edital"),
            Map.entry("12", "Tarifa sobre devolução de título vencido"),
            Map.entry("13", "Tarifa sobre registro cobrada na baixa/liquidação"),
            Map.entry("14", "Tarifa sobre reapresentação automática"),
            Map.entry("15", "Tarifa sobre rateio de crédito"),
            Map.entry("17", "Tarifa sobre prorrogação de vencimento"),
            Map.entry("18", "Tarifa sobre alteração de abatimento/desconto"),
            Map.entry("19", "Tarifa sobre arquivo mensal (em ser)"),
            Map.entry("20", "Tarifa sobre emissão de boleto pré-emitido pelo banco"));

    /** C047 for 06, 09 and 17: how a title was paid, or why it was written off. */
    private static final Map<String, String> SETTLEMENT_REASONS = Map.ofEntries(
            Map.entry("01", "Por saldo"),
            Map.entry("02", "Por conta"),
            Map.entry("03", "Liquidação no guichê de caixa em dinheiro"),
            Map.entry("04", "Compensação eletrônica"),
            Map.entry("05", "Compensação convencional"),
            Map.entry("06", "Por meio eletrônico"),
            Map.entry("07", "Após feriado local"),
            Map.entry("08", "Em cartório"),
            Map.entry("09", "Comandada banco"),
            Map.entry("10", "Comandada cliente arquivo"),
            Map.entry("11", "Comandada cliente on-line"),
            Map.entry("12", "Decurso prazo - cliente"),
            Map.entry("13", "Decurso prazo - banco"),
            Map.entry("14", "Protestado"),
            Map.entry("15", "Título excluído"),
            Map.entry("30", "Liquidação no guichê de caixa em cheque"),
            Map.entry("31", "Liquidação em banco correspondente"),
            Map.entry("32", "Liquidação terminal de auto-atendimento"),
            Map.entry("33", "Liquidação na internet (home banking)"),
            Map.entry("34", "Liquidado office banking"),
            Map.entry("35", "Liquidado correspondente em dinheiro"),
            Map.entry("36", "Liquidado correspondente em cheque"),
            Map.entry("37", "Liquidado por meio de central de atendimento (telefone)"));

    /** The bank's name for an occurrence code; "Ocorrência desconhecida NN" when not in the table. */
    public static String name(String code) {
        String name = NAMES.get(code);
        return name != null ? name : "Ocorrência desconhecida " + code;
    }

    public static OccurrenceKind kind(String code) {
        if ("02".equals(code)) {
            return OccurrenceKind.CONFIRMED;
        }
        if (REJECTED.contains(code)) {
            return OccurrenceKind.REJECTED;
        }
        if (SETTLED.contains(code)) {
            return OccurrenceKind.SETTLED;
        }
        if (WRITTEN_OFF.contains(code)) {
            return OccurrenceKind.WRITTEN_OFF;
        }
        return OccurrenceKind.OTHER;
    }

    /** Whether the code is in BB's table (an unknown one is still read, as {@link OccurrenceKind#OTHER}). */
    public static boolean isKnown(String code) {
        return NAMES.containsKey(code);
    }

    /**
     * What a 2-character reason means under an occurrence: the same code means different things under 03 and 06
     * ("09" is "Nosso número duplicado" for a rejection and "Comandada banco" for a write-off).
     */
    public static String reasonMeaning(String occurrence, String reason) {
        Map<String, String> table = switch (occurrence == null ? "" : occurrence) {
            case "02", "03", "26", "30" -> REJECTION_REASONS;
            case "28" -> TARIFF_REASONS;
            case "06", "09", "17", "25" -> SETTLEMENT_REASONS;
            default -> Map.of();
        };
        String meaning = table.get(reason);
        return meaning != null ? meaning : "Motivo " + reason + " (sem descrição para a ocorrência " + occurrence + ")";
    }
}
