package dev.cobranca.emulators.bank;

/**
 * A retorno the local bank wrote.
 *
 * @param name        the file name to store it under ({@code <remessa name>-RET<nsa, 6 digits>.ret}, e.g. {@code CBR-000012-RET000007.ret})
 * @param nsa         its sequence number
 * @param occurrences occurrences it holds
 */
public record GeneratedReturn(String name, long nsa, long occurrences) {
}
