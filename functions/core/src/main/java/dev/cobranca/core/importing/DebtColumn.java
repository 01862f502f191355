package dev.cobranca.core.importing;

/** The columns an upload must have, by their header names (matched by name, in any order). */
public enum DebtColumn {
    NAME("name"),
    GOVERNMENT_ID("governmentId"),
    EMAIL("email"),
    DEBT_AMOUNT("debtAmount"),
    DEBT_DUE_DATE("debtDueDate"),
    DEBT_ID("debtId");

    private final String header;

    DebtColumn(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
