package dev.cobranca.core.charge;

import java.util.Locale;

/**
 * When a charge's e-mail goes out ({@code EMAIL_AFTER}).
 * <p>
 * Since FEBRABAN's Nova Plataforma de Cobrança a boleto the bank has not registered cannot be paid, so
 * {@link #BANK_CONFIRMED} never mails an unpayable boleto; {@link #INVOICED} mails at once and lets the bank catch up
 * (the retorno usually arrives within the day), which is the default: it keeps the pipeline's throughput and lets an
 * upload complete without waiting for the bank.
 */
public enum EmailAfter {
    /** As soon as the boleto is rendered. */
    INVOICED,
    /** Only after the bank confirmed the registration (occurrence 02); a title the bank rejects is FAILED with its reasons. */
    BANK_CONFIRMED;

    public static EmailAfter parse(String name, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be INVOICED or BANK_CONFIRMED, got '" + value + "'.");
        }
    }
}
