package dev.cobranca.core.bank;

/** A record that could not be read, by its 1-based line number in the file. */
public record CnabLineError(int line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
