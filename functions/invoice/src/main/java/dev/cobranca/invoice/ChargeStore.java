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

    /** CREATED → INVOICED with the boleto's digits, nosso número, due date and the PDF's key, in one round trip. */
    void markInvoiced(List<Invoiced> invoiced);

    /** CREATED → FAILED with the reason; then completes the uploads these charges belonged to, if nothing else waits. */
    void markFailed(List<Failed> failed);

    /** Of these debtIds, those INVOICED (and so still waiting for their e-mail), by upload. */
    Map<UUID, List<String>> invoiced(Collection<String> debtIds);

    /** Of these uploads, those imported whose charges are all past CREATED: their titles can go to the bank. */
    List<UUID> doneInvoicing(Collection<UUID> uploadIds);

    /**
     * A charge to invoice.
     *
     * @param seq the charge's stable sequence number: the boleto's nosso número is derived from it
     */
    record Charge(String debtId, long seq, UUID uploadId, String name, String governmentId,
                  BigDecimal amount, LocalDate dueDate, ChargeStatus status) {
    }

    /** @param boletoDueDate the boleto's due date (the debt's, or later when the debt was overdue) */
    record Invoiced(String debtId, String barcode, String digitableLine, String invoiceKey, String nossoNumero,
                    LocalDate boletoDueDate) {
    }

    record Failed(String debtId, UUID uploadId, String reason) {
    }
}
