package dev.cobranca.emulators.bank;

/**
 * A retorno the local bank wrote.
 *
 * @param name        the file name to store it under (e.g. {@code CBR-0000007-remessa-000042.ret})
 * @param nsa         its sequence number
 * @param occurrences occurrences it holds
 */
public record GeneratedReturn(String name, long nsa, long occurrences) {
}
