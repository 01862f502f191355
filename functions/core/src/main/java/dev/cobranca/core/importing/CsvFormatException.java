package dev.cobranca.core.importing;

/** The file as a whole cannot be read as an upload (no usable header, an unterminated quote...). */
public final class CsvFormatException extends RuntimeException {

    public CsvFormatException(String message) {
        super(message);
    }
}
