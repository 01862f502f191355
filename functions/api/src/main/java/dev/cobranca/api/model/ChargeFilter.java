package dev.cobranca.api.model;

import dev.cobranca.core.charge.ChargeStatus;
import java.util.UUID;

/** Which charges {@code GET /charges} lists; null means "any". */
public record ChargeFilter(UUID uploadId, ChargeStatus status) {
}
