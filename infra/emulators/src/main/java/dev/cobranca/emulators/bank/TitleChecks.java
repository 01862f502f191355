package dev.cobranca.emulators.bank;

import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.importing.GovernmentIds;
import java.util.ArrayList;
import java.util.List;

/**
 * What the local bank checks in each title of a remessa, as Banco do Brasil would, and the FEBRABAN reason
 * (note C047, under occurrence 03) each failure earns. The payer's address is not checked: the debts this
 * system bills carry none, and the local bank accepts blank address fields.
 */
final class TitleChecks {

    static final String INVALID_NOSSO_NUMERO = "08";
    static final String DUPLICATE_NOSSO_NUMERO = "09";
    static final String INVALID_DUE_DATE = "16";
    static final String INVALID_AMOUNT = "20";
    static final String PAYER_NAME_MISSING = "45";
    static final String INVALID_PAYER_DOCUMENT = "46";

    private final String convenio;
    private final LongSet seen = new LongSet();

    TitleChecks(String convenio) {
        this.convenio = convenio;
    }

    /** The reasons to reject the title, at most 5 (T pos 214-223 holds five); empty when it is accepted. */
    List<String> reasons(RemittanceEntry e) {
        List<String> reasons = new ArrayList<>(2);
        String nn = e.nossoNumero();
        if (nn.length() != 17 || !digits(nn) || !nn.startsWith(convenio)) {
            reasons.add(INVALID_NOSSO_NUMERO);
        } else if (!seen.add(Long.parseLong(nn))) {
            reasons.add(DUPLICATE_NOSSO_NUMERO);
        }
        if (e.dueDate() == null) {
            reasons.add(INVALID_DUE_DATE);
        }
        if (e.amount() == null || e.amount().signum() <= 0) {
            reasons.add(INVALID_AMOUNT);
        }
        if (e.payerName() == null || e.payerName().isBlank()) {
            reasons.add(PAYER_NAME_MISSING);
        }
        if (!validDocument(e.payerDocumentType(), e.payerDocument())) {
            reasons.add(INVALID_PAYER_DOCUMENT);
        }
        return reasons.size() > 5 ? reasons.subList(0, 5) : reasons;
    }

    private static boolean validDocument(int type, String document) {
        int length = type == 1 ? 11 : type == 2 ? 14 : -1;
        return document != null && document.length() == length && digits(document)
                && GovernmentIds.hasValidCheckDigits(document);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
