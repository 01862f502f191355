package dev.cobranca.core.bank.bb;

import dev.cobranca.core.bank.OccurrenceKind;

/** Banco do Brasil's retorno occurrence codes (T pos 16-17) and the reasons of rejection (T pos 214-223). */
public final class BancoDoBrasilOccurrences {

    private BancoDoBrasilOccurrences() {
    }

    /** The bank's name for an occurrence code; "Ocorrência desconhecida NN" when not in the table. */
    public static String name(String code) {
        throw new UnsupportedOperationException("not yet");
    }

    public static OccurrenceKind kind(String code) {
        throw new UnsupportedOperationException("not yet");
    }

    /** What a 2-character reason means under an occurrence (the same code means different things under 03 and 06). */
    public static String reasonMeaning(String occurrence, String reason) {
        throw new UnsupportedOperationException("not yet");
    }
}
