package dev.cobranca.sample;

/** The kinds of bad row the sample generator writes, one for each field rule of the input and for the CSV shape. */
public enum DirtyKind {
    EMPTY_NAME,
    NAME_TOO_LONG,
    GOVERNMENT_ID_LETTERS,
    GOVERNMENT_ID_TOO_LONG,
    EMAIL_INVALID,
    AMOUNT_COMMA_SEPARATOR,
    AMOUNT_THREE_DECIMALS,
    AMOUNT_ZERO,
    AMOUNT_NEGATIVE,
    AMOUNT_TOO_LARGE,
    DATE_NOT_ISO,
    DATE_NOT_IN_CALENDAR,
    EMPTY_DEBT_ID,
    DEBT_ID_TOO_LONG,
    TOO_FEW_COLUMNS,
    TOO_MANY_COLUMNS
}
