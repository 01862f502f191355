package dev.cobranca.api.response;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** 200 of {@code GET /charges/{debtId}}: the charge and, once its boleto exists, a short-lived URL to it. */
public record ChargeDetail(@JsonUnwrapped ChargeView charge, String invoiceUrl) {
}
