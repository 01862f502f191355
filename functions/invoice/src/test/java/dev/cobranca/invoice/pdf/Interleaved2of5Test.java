package dev.cobranca.invoice.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.oned.ITFWriter;
import org.junit.jupiter.api.Test;

class Interleaved2of5Test {

    private static final String BARCODE = "00196490000002952950000007777777000008765418";

    @Test
    void shouldDrawTheSamePatternAsZxing() {
        // ZXing's writer uses the same ratio (wide = 3 narrow) and start/stop patterns: module for module,
        // our bars must cover exactly its dark modules.
        boolean[] expected = new ITFWriter().encode(BARCODE);
        boolean[] ours = new boolean[Interleaved2of5.modules(BARCODE.length())];
        int[] bars = Interleaved2of5.bars(BARCODE);
        for (int i = 0; i < bars.length; i += 2) {
            for (int m = bars[i]; m < bars[i] + bars[i + 1]; m++) {
                ours[m] = true;
            }
        }
        assertThat(ours).containsExactly(expected);
    }

    @Test
    void shouldSpan405Modules_for44Digits() {
        // 103 mm / 405 modules: a narrow bar of about 0.254 mm, as FEBRABAN sizes it
        assertThat(Interleaved2of5.modules(44)).isEqualTo(405);
        assertThat(PdfBoxBoletoRenderer.BARCODE_WIDTH / 405).isBetween(0.25f, 0.26f);
    }

    @Test
    void shouldRefuseOddLengths() {
        assertThatThrownBy(() -> Interleaved2of5.bars("123")).isInstanceOf(IllegalArgumentException.class);
    }
}
