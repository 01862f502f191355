package dev.cobranca.core.message;

import java.util.List;
import java.util.UUID;

/** SQS message from the import to the invoice function: render boletos for these charges. */
public record InvoiceRequested(UUID uploadId, List<String> debtIds) {
    public InvoiceRequested {
        debtIds = List.copyOf(debtIds);
    }
}
