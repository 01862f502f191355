package dev.cobranca.csvimport.adapter;

import dev.cobranca.core.charge.Debt;
import dev.cobranca.core.charge.PayerAddress;
import dev.cobranca.csvimport.RowFormat;
import dev.cobranca.postgres.CopyText;

/**
 * A valid row in PostgreSQL's COPY text format, as {@link PostgresChargeLoader} loads it into charges
 * ({@link ChargeCopy#COLUMNS} after debt_id): name, government_id, email, amount, due_date, then the payer's address,
 * district, zip code, city and state, empty when absent (the COPY reads an empty field as null: no other column is
 * ever empty), tab-separated and escaped. The debtId is not in it: the sorted runs keep it as the key, and the load
 * writes it in front.
 */
public final class CopyRowFormat implements RowFormat {

    /** The fields before the address ones. */
    static final int REQUIRED_FIELDS = 5;

    @Override
    public byte[] encode(Debt debt) {
        PayerAddress a = debt.address();
        if (a == null) {
            return CopyText.row(debt.name(), debt.governmentId(), debt.email(), debt.amount().toPlainString(),
                    debt.dueDate().toString(), "", "", "", "", "");
        }
        return CopyText.row(debt.name(), debt.governmentId(), debt.email(), debt.amount().toPlainString(),
                debt.dueDate().toString(), orEmpty(a.address()), orEmpty(a.district()), orEmpty(a.zipCode()),
                orEmpty(a.city()), orEmpty(a.state()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
