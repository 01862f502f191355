package dev.cobranca.api.response;

import java.util.List;

/** 200 of {@code GET /charges}: {@code nextCursor} is null on the last page. */
public record ChargePage(List<ChargeView> items, String nextCursor) {
}
