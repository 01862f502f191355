package dev.cobranca.core.charge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One valid row of an upload: a debt to be charged. Values are already normalised (trimmed, digits only).
 *
 * @param address the payer's address, null when the row gives none
 */
public record Debt(
        String name,
        String governmentId,
        String email,
        BigDecimal amount,
        LocalDate dueDate,
        String debtId,
        PayerAddress address) {

    public Debt {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(governmentId, "governmentId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(debtId, "debtId");
    }

    /** A debt without an address (a file without the address columns). */
    public Debt(String name, String governmentId, String email, BigDecimal amount, LocalDate dueDate, String debtId) {
        this(name, governmentId, email, amount, dueDate, debtId, null);
    }
}
