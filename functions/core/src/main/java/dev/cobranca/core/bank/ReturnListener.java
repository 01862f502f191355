package dev.cobranca.core.bank;

/** What a {@link ReturnReader} finds, in file order. */
public interface ReturnListener {

    void onHeader(ReturnHeader header);

    void onOccurrence(ReturnOccurrence occurrence);

    /** A line that could not be read; the titles around it still come through. */
    void onError(CnabLineError error);
}
