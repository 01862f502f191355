package dev.cobranca.core.bank.cnab240;

/** A field whose characters do not fit its picture (a date that is no date). */
public final class CnabFieldException extends RuntimeException {

    public CnabFieldException(String message) {
        super(message, null, false, false);
    }
}
