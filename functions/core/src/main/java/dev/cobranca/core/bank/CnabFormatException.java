package dev.cobranca.core.bank;

/** A CNAB file that cannot be read as a whole (no header, no trailer, not CNAB 240, ...). */
public class CnabFormatException extends RuntimeException {

    private final int line;
    private final String reason;

    public CnabFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
