package dev.cobranca.invoice;

import dev.cobranca.core.charge.ChargeStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The charges as the invoice function sees them. Every write is conditional on the charge still being CREATED. */
public interface ChargeStore {

    /** The charges with these debtIds, in any status; unknown ids are left out. */
    List<Charge> find(Collection<String> debtIds);

    /** CREATED → INVOICED with the boleto's digits and the PDF's key, in one round trip. */
    void markInvoiced(List<Invoiced> invoiced);

    /** CREATED → FAILED with the reason; then completes the uploads these charges belonged to, if nothing else waits. */
    void markFailed(List<Failed> failed);

    /** Of these debtIds, those INVOICED (and so still waiting for their e-mail), by upload. */
    Map<UUID, List<String>> invoiced(Collection<String> debtIds);

    /**
     * A charge to invoice.
     *
     * @param seq the charge's stable sequence number: the boleto's nosso número is derived from it
     */
    record Charge(String debtId, long seq, UUID uploadId, String name, String governmentId,
                  BigDecimal amount, LocalDate dueDate, ChargeStatus status) {
    }

    record Invoiced(String debtId, String barcode, String digitableLine, String invoiceKey) {
    }

    record Failed(String debtId, UUID uploadId, String reason) {
    }
}
