package dev.cobranca.core.message;

import java.util.UUID;

/**
 * SQS message to the remittance function: build remessas now. The run sends every invoiced title not yet sent,
 * whichever upload it is from.
 *
 * @param trigger  {@code upload} (the invoice function: this upload has nothing left to invoice) or {@code schedule}
 *                 (the EventBridge rule)
 * @param uploadId the upload that finished invoicing; null for the schedule
 */
public record RemittanceRequested(String trigger, UUID uploadId) {

    public static RemittanceRequested uploadInvoiced(UUID uploadId) {
        return new RemittanceRequested("upload", uploadId);
    }
}
