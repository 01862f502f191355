package dev.cobranca.core.bank.cnab240;

import java.text.Normalizer;

/**
 * The character set of a CNAB file: upper case ASCII without accents ("João" becomes "JOAO"), as FEBRABAN asks
 * of alphanumeric fields. Characters that have no ASCII form become spaces.
 */
public final class CnabText {

    private CnabText() {
    }

    /** Upper case printable ASCII: accents stripped, control and other characters turned into spaces. */
    public static String ascii(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (isPlainAscii(s)) {
            return upper(s);
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(c >= 0x20 && c < 0x7F ? c : ' ');
        }
        return upper(out.toString());
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String upper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'a' && chars[j] <= 'z') {
                        chars[j] -= 'a' - 'A';
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Digits only (a CPF, a CEP typed with punctuation). */
    public static String digits(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
