package dev.cobranca.core.importing;

import java.util.List;

/** The rule of the email column: present, at most {@link DebtValidator#MAX_EMAIL_LENGTH} characters, an address's shape. */
final class EmailAddressRule {

    private static final String ATEXT = "!#$%&'*+/=?^_`{|}~-";

    private EmailAddressRule() {
    }

    static void check(String email, List<String> problems) {
        if (email.isEmpty()) {
            problems.add("email is empty");
        } else if (email.length() > DebtValidator.MAX_EMAIL_LENGTH || email.indexOf('@') > 64 || !isEmailAddress(email)) {
            problems.add("email is not a valid address");
        }
    }

    // Runs for every row of a million-row file: plain loops instead of a regular expression.

    /**
     * Pragmatic RFC 5321 shape: a dot-atom local part, {@code @}, a domain of at least two LDH labels (1 to 63
     * characters, letters and digits at both ends, hyphens inside). No quoted local parts. RFC 6531 (section 3.3)
     * widens atext and labels with any non-ASCII character ({@code joão@exemplo.com.br}, {@code a@ação.br}): the
     * debt is real even when a server cannot deliver to it. The same language as
     * {@code [atext U]+(\.[atext U]+)*@([A-Za-z0-9U]([A-Za-z0-9U-]{0,61}[A-Za-z0-9U])?\.)+[A-Za-z0-9U]([A-Za-z0-9U-]{0,61}[A-Za-z0-9U])?}
     * with U a non-ASCII character that is neither a space nor a control, which a test holds it to; the regular
     * expression was a fifth of the time spent reading a file.
     */
    static boolean isEmailAddress(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@')) {
            return false;
        }
        boolean afterDot = true; // no leading dot, no two dots in a row
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (afterDot) {
                    return false;
                }
                afterDot = true;
            } else if (isAsciiAlphanumeric(c) || ATEXT.indexOf(c) >= 0 || isNonAscii(c)) {
                afterDot = false;
            } else {
                return false;
            }
        }
        if (afterDot) {
            return false;
        }
        int labels = 0;
        int start = at + 1;
        for (int i = start; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, start, i)) {
                    return false;
                }
                labels++;
                start = i + 1;
            }
        }
        return labels >= 2;
    }

    private static boolean isLabel(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 63 || !isLabelText(s.charAt(from)) || !isLabelText(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c != '-' && !isLabelText(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabelText(char c) {
        return isAsciiAlphanumeric(c) || isNonAscii(c);
    }

    /** RFC 6531's UTF8-non-ascii, less the spaces and controls no one means as part of an address. */
    private static boolean isNonAscii(char c) {
        return c >= 0x80 && !Character.isSpaceChar(c) && !Character.isISOControl(c);
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
