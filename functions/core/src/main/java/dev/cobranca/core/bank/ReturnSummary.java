package dev.cobranca.core.bank;

/**
 * What a retorno held.
 *
 * @param occurrences occurrences delivered
 * @param errors      lines reported through {@link ReturnListener#onError}
 * @param records     records read, headers and trailers included
 */
public record ReturnSummary(long occurrences, long errors, long records) {
}
