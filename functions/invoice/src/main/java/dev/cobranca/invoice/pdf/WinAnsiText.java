package dev.cobranca.invoice.pdf;

import java.text.Normalizer;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Makes any text printable with a standard-14 font (WinAnsiEncoding): Portuguese letters pass, other
 * letters lose their accents when they have a plain base letter (ő → o), and the rest becomes "?".
 * PDFBox would otherwise throw on the first character the encoding lacks, failing the whole boleto.
 */
final class WinAnsiText {

    private static final boolean[] ENCODABLE = new boolean[0x10000];

    static {
        GlyphList glyphs = GlyphList.getAdobeGlyphList();
        for (String name : WinAnsiEncoding.INSTANCE.getCodeToNameMap().values()) {
            String unicode = glyphs.toUnicode(name);
            if (unicode != null && unicode.length() == 1) {
                ENCODABLE[unicode.charAt(0)] = true;
            }
        }
        for (char c = 0; c < 0x20; c++) {
            ENCODABLE[c] = false;
        }
    }

    private WinAnsiText() {
    }

    static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        if (allEncodable(text)) {
            return text;
        }
        // "e" + combining acute becomes "é", which the encoding has
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x10000 && ENCODABLE[cp]) {
                sb.append((char) cp);
            } else if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                sb.append(' ');
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue; // an accent left over on a letter that has no accented form here
            } else {
                sb.append(fallback(cp));
            }
        }
        return sb.toString();
    }

    private static boolean allEncodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!ENCODABLE[text.charAt(i)]) {
                return false;
            }
        }
        return true;
    }

    /** The base letters of a decomposable character (ő → o, ǆ → dž), or "?" when none is printable. */
    private static String fallback(int cp) {
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (ENCODABLE[c]) {
                base.append(c);
            }
        }
        return base.isEmpty() ? "?" : base.toString();
    }
}
