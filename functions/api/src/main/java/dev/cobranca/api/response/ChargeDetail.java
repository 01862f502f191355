package dev.cobranca.api.response;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cobranca.api.model.BankSide;

/**
 * 200 of {@code GET /charges/{debtId}}: the charge, once its boleto exists a short-lived URL to it, and the charge
 * at the bank (status, nosso número, the boleto's due date and the bank's events).
 */
public record ChargeDetail(@JsonUnwrapped ChargeView charge, String invoiceUrl, @JsonUnwrapped BankSide bank) {
}
