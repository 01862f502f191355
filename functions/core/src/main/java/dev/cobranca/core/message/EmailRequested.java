package dev.cobranca.core.message;

import java.util.List;
import java.util.UUID;

/** SQS message from the invoice to the e-mail function: e-mail these invoiced charges. */
public record EmailRequested(UUID uploadId, List<String> debtIds) {
    public EmailRequested {
        debtIds = List.copyOf(debtIds);
    }
}
