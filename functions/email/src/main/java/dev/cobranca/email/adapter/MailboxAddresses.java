package dev.cobranca.email.adapter;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;

/**
 * Internationalised addresses (RFC 6531) as they go on the wire: a Unicode domain as Punycode (IDNA), which every
 * server takes; a non-ASCII local part only through a server that offers {@code SMTPUTF8}.
 */
final class MailboxAddresses {

    private MailboxAddresses() {
    }

    /**
     * The recipient as it goes on the wire: a Unicode domain in Punycode. Jakarta Mail's strict parser refuses
     * non-ASCII unless a JVM-wide property says otherwise; the import has already checked the address's shape.
     */
    static InternetAddress recipient(String address) throws AddressException {
        int at = address.lastIndexOf('@');
        if (at <= 0 || isAscii(address)) {
            return new InternetAddress(address, true);
        }
        String domain = address.substring(at + 1);
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new AddressException("the domain is not a valid internationalised domain name: " + e.getMessage());
        }
        InternetAddress to = new InternetAddress();
        to.setAddress(address.substring(0, at) + "@" + domain);
        return to;
    }

    /** Whether this recipient can only be reached with SMTPUTF8 (a non-ASCII local part; domains become Punycode). */
    static boolean needsSmtpUtf8(String address) {
        int at = address.lastIndexOf('@');
        return !isAscii(at < 0 ? address : address.substring(0, at));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
