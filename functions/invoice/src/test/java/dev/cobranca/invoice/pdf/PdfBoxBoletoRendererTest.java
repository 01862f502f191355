package dev.cobranca.invoice.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.cobranca.core.boleto.Boleto;
import dev.cobranca.core.boleto.DigitableLine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PdfBoxBoletoRendererTest {

    private static final float DPI = 300;
    private final PdfBoxBoletoRenderer renderer = new PdfBoxBoletoRenderer(
            Clock.fixed(Instant.parse("2026-11-02T12:00:00Z"), ZoneId.of("America/Sao_Paulo")));

    @Test
    void shouldPrintBarcodeThatScansToTheBoletosDigits() throws Exception {
        Boleto boleto = SampleBoletos.johnDoe();

        String scanned = scanBarcode(renderer.render(boleto));

        assertThat(scanned).isEqualTo(boleto.barcode());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "1, 0.01, 2000-07-03",
            "9999999999, 99999999.99, 2025-02-21",
            "777, 7811, 2025-02-22",
            "123456, 1234.56, 2031-05-17",
    })
    void shouldScan_acrossAmountsAndDates(long sequence, String amount, LocalDate dueDate) throws Exception {
        Boleto boleto = SampleBoletos.boleto(sequence, "Maria", "1234", amount, dueDate);

        assertThat(scanBarcode(renderer.render(boleto))).isEqualTo(boleto.barcode());
    }

    @Test
    void shouldPrintWhatThePayerReads_withDocumentMasked() throws Exception {
        Boleto boleto = SampleBoletos.johnDoe();

        String text = text(renderer.render(boleto));

        assertThat(text)
                .contains(DigitableLine.format(boleto.digitableLine()))
                .contains("001-9")
                .contains("R$ 1.000.000,00")
                .contains("12/10/2022")
                .contains("***.456.789-**")
                .contains("John Doe")
                .contains("Cobrança Exemplo Serviços Financeiros Ltda")
                .contains("11.222.333/0001-81")
                .contains("1234-3 / 00056789-2")
                .contains(boleto.ourNumber())
                .contains("02/11/2026")
                .contains("Pagável em qualquer banco até o vencimento")
                .contains("Recibo do Pagador")
                .contains("Ficha de Compensação");
        assertThat(text).doesNotContain("12345678901").doesNotContain("123.456.789-01");
    }

    @Test
    void shouldBeOneA4PageUnder50KB() throws IOException {
        byte[] pdf = renderer.render(SampleBoletos.johnDoe());

        assertThat(pdf.length).isLessThanOrEqualTo(50 * 1024);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = doc.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(0.01f));
            assertThat(box.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(0.01f));
        }
    }

    @Test
    void shouldRenderNamesOutsideWinAnsi_withoutFailing() throws Exception {
        Boleto boleto = SampleBoletos.boleto(5, "Őrsi Đorđe 李小龍 😀 Jose\u0301 Ação", "12345678000195", "10.50",
                LocalDate.of(2027, 1, 31));

        byte[] pdf = renderer.render(boleto);

        String text = text(pdf);
        assertThat(text).contains("Orsi ?or?e ??? ? José Ação").contains("**.345.678/0001-**");
        assertThat(scanBarcode(pdf)).isEqualTo(boleto.barcode());
    }

    @Test
    void shouldShortenVeryLongNames_toFitTheirBox() throws Exception {
        String longName = "Maria " + "da Silva ".repeat(25);
        Boleto boleto = SampleBoletos.boleto(6, longName.strip(), "1234", "10.50", LocalDate.of(2027, 1, 31));

        String text = text(renderer.render(boleto));

        assertThat(text).contains("Maria da Silva").contains("…");
    }

    @Test
    void shouldRenderEachBoletoRight_whenThreadsRenderAtOnce() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 40; i++) {
                Boleto boleto = SampleBoletos.boleto(100 + i, "Pagador " + i, "1234", (i + 1) + ".00",
                        LocalDate.of(2027, 1, 1).plusDays(i));
                futures.add(pool.submit(() -> {
                    String text = text(renderer.render(boleto));
                    return text.contains(DigitableLine.format(boleto.digitableLine())) ? "ok" : text;
                }));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo("ok");
            }
        }
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Rasterises the page at 300 dpi in gray and reads the ITF symbol in the barcode's strip, as a scanner would. */
    static String scanBarcode(byte[] pdf) throws IOException, NotFoundException {
        BufferedImage page;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(doc).renderImageWithDPI(0, DPI, ImageType.GRAY);
        }
        float px = DPI / 25.4f;
        int x = Math.round((PdfBoxBoletoRenderer.BARCODE_X - 5) * px);
        int w = Math.round((PdfBoxBoletoRenderer.BARCODE_WIDTH + 10) * px);
        int top = Math.round((297 - PdfBoxBoletoRenderer.BARCODE_Y - PdfBoxBoletoRenderer.BARCODE_HEIGHT - 2) * px);
        int h = Math.round((PdfBoxBoletoRenderer.BARCODE_HEIGHT + 4) * px);
        BufferedImage strip = page.getSubimage(x, top, w, h);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.ITF));
        hints.put(DecodeHintType.ALLOWED_LENGTHS, new int[] {44});
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        Result result = new MultiFormatReader().decode(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(strip))), hints);
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.ITF);
        return result.getText();
    }
}
