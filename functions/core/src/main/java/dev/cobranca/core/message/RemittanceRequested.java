package dev.cobranca.core.message;

import java.util.UUID;

/**
 * SQS message to the remittance function: this upload has no charge left to invoice, so its titles can go to the bank
 * now rather than at the next scheduled run. The run sends every invoiced title not yet sent, whichever upload it is
 * from; the upload id is for the logs.
 */
public record RemittanceRequested(UUID uploadId) {
}
