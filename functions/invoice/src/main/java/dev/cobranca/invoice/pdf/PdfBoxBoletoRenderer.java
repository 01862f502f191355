package dev.cobranca.invoice.pdf;

import dev.cobranca.core.boleto.BankCodes;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.core.boleto.Boleto;
import dev.cobranca.core.boleto.BoletoRequest;
import dev.cobranca.core.boleto.DigitableLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A one-page A4 boleto with PDFBox: the payer's receipt (recibo do pagador) on top, the ficha de compensação
 * below, and the ITF barcode of the 44 digits drawn as vector bars, 103 mm × 13 mm as FEBRABAN sizes it.
 * Only the standard Helvetica fonts (not embedded), so a boleto weighs a few kilobytes.
 *
 * <p>Thread-safe: each call builds its own document. The two font objects are reused by the calls of one
 * thread only: building them maps the font to a system font (and logs a warning when there is none, as on
 * Lambda) on every construction, and PDFBox font objects cache widths in plain maps and get object numbers
 * written into them when a document is saved, so they must not be used by two saves at once.
 */
public final class PdfBoxBoletoRenderer implements BoletoPdfRenderer {

    /** Barcode geometry, millimetres. */
    static final float BARCODE_X = 15f;
    static final float BARCODE_Y = 24f;
    static final float BARCODE_WIDTH = 103f;
    static final float BARCODE_HEIGHT = 13f;

    private static final float L = 10f;
    private static final float R = 200f;
    private static final float RIGHT_COLUMN = 150f;
    private static final String PAYMENT_PLACE = "Pagável em qualquer banco até o vencimento";

    private static final ThreadLocal<PDType1Font[]> FONTS = ThreadLocal.withInitial(() -> new PDType1Font[] {
            new PDType1Font(Standard14Fonts.FontName.HELVETICA),
            new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD)});

    private final Clock clock;

    /** Dates the boletos with today's date in Brazil (data do documento / data do processamento). */
    public PdfBoxBoletoRenderer() {
        this(Clock.system(ZoneId.of("America/Sao_Paulo")));
    }

    public PdfBoxBoletoRenderer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public byte[] render(Boleto boleto) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font[] fonts = FONTS.get();
            Sheet sheet = new Sheet(fonts[0], fonts[1]);
            Printed p = Printed.of(boleto, LocalDate.now(clock));
            receipt(sheet, p);
            sheet.dashedHline(L, R, 150);
            sheet.textRight(R, 151, "Corte na linha pontilhada", false, 5.5f);
            compensation(sheet, p);
            barcode(sheet, boleto.barcode());
            try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
                sheet.writeTo(cs);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            // no object streams: they save little on a one-page file and cost time
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the boleto of debt " + boleto.request().debtId(), e);
        }
    }

    /** Everything printed, as text. */
    private record Printed(
            String bankName, String bankCode, String line, String dueDate, String amount, String beneficiary,
            String beneficiaryCnpj, String beneficiaryCode, String payer, String payerDocument, String ourNumber,
            String documentNumber, String documentDate, String wallet, String debtDueDate) {

        static Printed of(Boleto b, LocalDate today) {
            BoletoRequest r = b.request();
            Beneficiary ben = b.beneficiary();
            return new Printed(
                    bankName(ben.bankCode()),
                    BankCodes.withCheckDigit(ben.bankCode()),
                    DigitableLine.format(b.digitableLine()),
                    BoletoText.date(r.dueDate()),
                    BoletoText.amount(r.amount()),
                    ben.name(),
                    BoletoText.cnpj(ben.cnpj()),
                    BankCodes.agencyAndAccount(ben),
                    r.payerName(),
                    BoletoText.maskedDocument(r.payerGovernmentId()),
                    b.ourNumber(),
                    r.debtId(),
                    BoletoText.date(today),
                    ben.wallet(),
                    r.dueDateMoved() ? BoletoText.date(r.debtDueDate()) : null);
        }

        private static String bankName(String code) {
            return "001".equals(code) ? "Banco do Brasil" : "Banco " + code;
        }
    }

    private static void header(Sheet s, Printed p, float y) {
        s.text(L, y + 2.5f, p.bankName, true, 11, 40);
        s.thickVline(53, y, y + 8);
        s.textCentered(53, 71, y + 2.3f, p.bankCode, true, 14);
        s.thickVline(71, y, y + 8);
        s.textRight(R, y + 2.5f, p.line, true, 10.5f);
        s.thickHline(L, R, y);
    }

    private static void receipt(Sheet s, Printed p) {
        header(s, p, 276);
        float[] rows = {276, 267, 258, 249, 240};
        for (int i = 1; i < rows.length; i++) {
            s.hline(L, R, rows[i]);
        }
        s.vline(RIGHT_COLUMN, 240, 276);
        s.vline(105, 258, 276);
        s.field(L, 105, 276, 267, "Beneficiário", p.beneficiary, false, false);
        s.field(105, RIGHT_COLUMN, 276, 267, "CNPJ do beneficiário", p.beneficiaryCnpj, false, false);
        s.field(RIGHT_COLUMN, R, 276, 267, "Vencimento", p.dueDate, true, true);
        s.field(L, 105, 267, 258, "Pagador", p.payer, false, false);
        s.field(105, RIGHT_COLUMN, 267, 258, "CPF/CNPJ do pagador", p.payerDocument, false, false);
        s.field(RIGHT_COLUMN, R, 267, 258, "Agência / Código do beneficiário", p.beneficiaryCode, false, true);
        s.vline(40, 249, 258);
        s.vline(110, 249, 258);
        s.vline(128, 249, 258);
        s.field(L, 40, 258, 249, "Data do documento", p.documentDate, false, false);
        s.field(40, 110, 258, 249, "Nº do documento", p.documentNumber, false, false);
        s.field(110, 128, 258, 249, "Espécie", "R$", false, false);
        s.field(128, RIGHT_COLUMN, 258, 249, "Data processamento", p.documentDate, false, false);
        s.field(RIGHT_COLUMN, R, 258, 249, "Nosso número", p.ourNumber, false, true);
        s.field(L, RIGHT_COLUMN, 249, 240, "Local de pagamento", PAYMENT_PLACE, false, false);
        s.field(RIGHT_COLUMN, R, 249, 240, "(=) Valor do documento", p.amount, true, true);
        s.text(L, 236, "Recibo do Pagador", true, 9, 60);
        s.textRight(R, 236, "Autenticação mecânica", false, 6);
    }

    private static void compensation(Sheet s, Printed p) {
        header(s, p, 128);
        for (float y : new float[] {119, 110, 101, 92, 61, 44}) {
            s.hline(L, R, y);
        }
        s.vline(RIGHT_COLUMN, 61, 128);
        s.field(L, RIGHT_COLUMN, 128, 119, "Local de pagamento", PAYMENT_PLACE, false, false);
        s.field(RIGHT_COLUMN, R, 128, 119, "Vencimento", p.dueDate, true, true);
        s.field(L, RIGHT_COLUMN, 119, 110, "Beneficiário",
                p.beneficiary + " - CNPJ " + p.beneficiaryCnpj, false, false);
        s.field(RIGHT_COLUMN, R, 119, 110, "Agência / Código do beneficiário", p.beneficiaryCode, false, true);

        float[] r3 = {L, 40, 85, 102, 115, RIGHT_COLUMN};
        for (int i = 1; i < r3.length - 1; i++) {
            s.vline(r3[i], 92, 110);
        }
        s.field(L, 40, 110, 101, "Data do documento", p.documentDate, false, false);
        s.field(40, 85, 110, 101, "Nº do documento", p.documentNumber, false, false);
        s.field(85, 102, 110, 101, "Espécie doc.", "DM", false, false);
        s.field(102, 115, 110, 101, "Aceite", "N", false, false);
        s.field(115, RIGHT_COLUMN, 110, 101, "Data processamento", p.documentDate, false, false);
        s.field(RIGHT_COLUMN, R, 110, 101, "Nosso número", p.ourNumber, false, true);

        s.field(L, 40, 101, 92, "Uso do banco", "", false, false);
        s.field(40, 85, 101, 92, "Carteira", p.wallet, false, false);
        s.field(85, 102, 101, 92, "Espécie", "R$", false, false);
        s.field(102, 115, 101, 92, "Quantidade", "", false, false);
        s.field(115, RIGHT_COLUMN, 101, 92, "Valor", "", false, false);
        s.field(RIGHT_COLUMN, R, 101, 92, "(=) Valor do documento", p.amount, true, true);

        s.label(L + 1, 89.7f, "Instruções (texto de responsabilidade do beneficiário)");
        s.text(L + 1, 84, "Cobrança referente ao débito " + p.documentNumber + ".", false, 8, RIGHT_COLUMN - L - 3);
        s.text(L + 1, 80, "Em caso de dúvida, fale com o beneficiário: " + p.beneficiary + ".", false, 8,
                RIGHT_COLUMN - L - 3);
        if (p.debtDueDate != null) {
            // the debt was overdue when invoiced: the boleto is due later so it can still be paid
            s.text(L + 1, 76, "Vencimento original do débito: " + p.debtDueDate + ".", false, 8, RIGHT_COLUMN - L - 3);
        }
        String[] right = {"(-) Desconto / Abatimento", "(-) Outras deduções", "(+) Mora / Multa",
                "(+) Outros acréscimos", "(=) Valor cobrado"};
        float step = (92 - 61) / 5f;
        for (int i = 0; i < right.length; i++) {
            float top = 92 - i * step;
            if (i > 0) {
                s.hline(RIGHT_COLUMN, R, top);
            }
            s.label(RIGHT_COLUMN + 1, top - 2.3f, right[i]);
        }

        s.label(L + 1, 58.7f, "Pagador");
        s.text(L + 1, 54, p.payer, false, 8.5f, RIGHT_COLUMN - L - 3);
        s.text(L + 1, 50, "CPF/CNPJ: " + p.payerDocument, false, 8.5f, 80);
        s.label(L + 1, 45.5f, "Sacador/Avalista:");
        s.textRight(R, 40, "Autenticação mecânica - Ficha de Compensação", false, 6);
    }

    /** ITF bars at FEBRABAN size; nothing else is drawn within 5 mm of either end (the quiet zones). */
    private static void barcode(Sheet s, String digits) {
        int[] bars = Interleaved2of5.bars(digits);
        float module = BARCODE_WIDTH / Interleaved2of5.modules(digits.length());
        for (int i = 0; i < bars.length; i += 2) {
            s.bar(BARCODE_X + bars[i] * module, BARCODE_Y, bars[i + 1] * module, BARCODE_HEIGHT);
        }
    }
}
