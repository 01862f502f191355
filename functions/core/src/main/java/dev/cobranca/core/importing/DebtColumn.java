package dev.cobranca.core.importing;

/**
 * The columns of an upload, by their header names (matched by name, in any order): six required, and the payer's
 * address, optional (any of them, or none: a file without them reads as before).
 */
public enum DebtColumn {
    NAME("name", true),
    GOVERNMENT_ID("governmentId", true),
    EMAIL("email", true),
    DEBT_AMOUNT("debtAmount", true),
    DEBT_DUE_DATE("debtDueDate", true),
    DEBT_ID("debtId", true),
    ADDRESS("address", false),
    DISTRICT("district", false),
    ZIP_CODE("zipCode", false),
    CITY("city", false),
    STATE("state", false);

    private final String header;
    private final boolean required;

    DebtColumn(String header, boolean required) {
        this.header = header;
        this.required = required;
    }

    public String header() {
        return header;
    }

    /** A file lacking a required column fails as a whole; an optional one is read when the header names it. */
    public boolean required() {
        return required;
    }
}
