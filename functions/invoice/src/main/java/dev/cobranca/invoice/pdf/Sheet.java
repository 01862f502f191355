package dev.cobranca.invoice.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.util.Matrix;

/**
 * Collects one page's rules, text and bars (positions in millimetres from the bottom-left corner), then writes
 * them as three compact runs — one stroked path per line style, one text object, one filled path — which keeps
 * the content stream small. One instance per render: not thread-safe.
 */
final class Sheet {

    static final float MM = 72f / 25.4f;
    private static final float LABEL_SIZE = 5.5f;
    private static final float MIN_SIZE = 5.5f;

    private record Rule(float x1, float y1, float x2, float y2) {
    }

    private record Text(float x, float y, boolean bold, float size, String s) {
    }

    private final PDType1Font regular;
    private final PDType1Font bold;
    private final List<Rule> thin = new ArrayList<>();
    private final List<Rule> thick = new ArrayList<>();
    private final List<Rule> dashed = new ArrayList<>();
    private final List<Text> texts = new ArrayList<>();
    private final List<float[]> bars = new ArrayList<>();

    Sheet(PDType1Font regular, PDType1Font bold) {
        this.regular = regular;
        this.bold = bold;
    }

    void hline(float x1, float x2, float y) {
        thin.add(new Rule(x1, y, x2, y));
    }

    void vline(float x, float y1, float y2) {
        thin.add(new Rule(x, y1, x, y2));
    }

    void thickHline(float x1, float x2, float y) {
        thick.add(new Rule(x1, y, x2, y));
    }

    void thickVline(float x, float y1, float y2) {
        thick.add(new Rule(x, y1, x, y2));
    }

    void dashedHline(float x1, float x2, float y) {
        dashed.add(new Rule(x1, y, x2, y));
    }

    /** A filled rectangle, in millimetres. */
    void bar(float x, float y, float width, float height) {
        bars.add(new float[] {x * MM, y * MM, width * MM, height * MM});
    }

    /** Left-aligned text; too long text shrinks to {@value #MIN_SIZE} pt, then is cut with an ellipsis. */
    void text(float x, float y, String s, boolean isBold, float size, float maxWidth) {
        String safe = WinAnsiText.sanitize(s);
        PDType1Font font = isBold ? bold : regular;
        float fitted = size;
        while (fitted > MIN_SIZE && width(font, safe, fitted) > maxWidth) {
            fitted -= 0.5f;
        }
        if (width(font, safe, fitted) > maxWidth) {
            while (safe.length() > 1 && width(font, safe + "…", fitted) > maxWidth) {
                safe = safe.substring(0, safe.length() - 1);
            }
            safe = safe + "…";
        }
        texts.add(new Text(x, y, isBold, fitted, safe));
    }

    void textRight(float right, float y, String s, boolean isBold, float size) {
        String safe = WinAnsiText.sanitize(s);
        texts.add(new Text(right - width(isBold ? bold : regular, safe, size), y, isBold, size, safe));
    }

    void textCentered(float left, float right, float y, String s, boolean isBold, float size) {
        String safe = WinAnsiText.sanitize(s);
        float w = width(isBold ? bold : regular, safe, size);
        texts.add(new Text((left + right - w) / 2, y, isBold, size, safe));
    }

    /** A labelled box's content: small label at its top, the value on its bottom line. */
    void field(float x1, float x2, float yTop, float yBottom, String label, String value, boolean boldValue,
            boolean alignRight) {
        texts.add(new Text(x1 + 1, yTop - 2.3f, false, LABEL_SIZE, label));
        if (value == null || value.isEmpty()) {
            return;
        }
        float size = 8.5f;
        if (alignRight) {
            textRight(x2 - 1.5f, yBottom + 1.6f, value, boldValue, size);
        } else {
            text(x1 + 1, yBottom + 1.6f, value, boldValue, size, x2 - x1 - 2);
        }
    }

    /** Label text, already WinAnsi-safe. */
    void label(float x, float y, String s) {
        texts.add(new Text(x, y, false, LABEL_SIZE, s));
    }

    void writeTo(PDPageContentStream cs) throws IOException {
        stroke(cs, thin, 0.5f);
        stroke(cs, thick, 1.4f);
        if (!dashed.isEmpty()) {
            cs.setLineDashPattern(new float[] {3, 2}, 0);
            stroke(cs, dashed, 0.5f);
            cs.setLineDashPattern(new float[0], 0);
        }
        cs.beginText();
        PDType1Font current = null;
        float currentSize = 0;
        for (Text t : texts) {
            PDType1Font font = t.bold ? bold : regular;
            if (font != current || t.size != currentSize) {
                cs.setFont(font, t.size);
                current = font;
                currentSize = t.size;
            }
            cs.setTextMatrix(Matrix.getTranslateInstance(t.x * MM, t.y * MM));
            cs.showText(t.s);
        }
        cs.endText();
        for (float[] b : bars) {
            cs.addRect(b[0], b[1], b[2], b[3]);
        }
        cs.fill();
    }

    private static void stroke(PDPageContentStream cs, List<Rule> rules, float width) throws IOException {
        if (rules.isEmpty()) {
            return;
        }
        cs.setLineWidth(width);
        for (Rule r : rules) {
            cs.moveTo(r.x1 * MM, r.y1 * MM);
            cs.lineTo(r.x2 * MM, r.y2 * MM);
        }
        cs.stroke();
    }

    /** Width in millimetres. */
    private static float width(PDType1Font font, String s, float size) {
        try {
            return font.getStringWidth(s) / 1000f * size / MM;
        } catch (IOException e) {
            throw new IllegalStateException("no metrics for text in " + font.getName(), e);
        }
    }
}
