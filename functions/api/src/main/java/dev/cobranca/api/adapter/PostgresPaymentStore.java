package dev.cobranca.api.adapter;

import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.Payment;
import dev.cobranca.api.model.PaymentOutcome;
import dev.cobranca.api.port.PaymentStore;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.postgres.UploadCompletion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * {@link PaymentStore} on the charges table. The conditional UPDATE decides: of two concurrent deliveries only
 * one can move the charge to PAID; the other then reads the PAID row and is either the same payment (a replay)
 * or a different one (a conflict).
 */
public final class PostgresPaymentStore implements PaymentStore {

    private static final String PAY = "update charges set status = 'PAID', paid_at = ?, paid_amount = ?, paid_by = ?,"
            + " payment_mismatch = (amount <> ?) where debt_id = ? and status <> 'PAID' returning " + ChargeRows.COLUMNS;
    private static final String READ = "select " + ChargeRows.COLUMNS + " from charges where debt_id = ?";

    private final DataSource dataSource;

    public PostgresPaymentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public PaymentOutcome record(Payment payment) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                PaymentOutcome outcome = record(c, payment);
                if (outcome instanceof PaymentOutcome.Recorded(Charge charge)) {
                    // the paid charge may have been the last one of its upload still waiting for a boleto or an e-mail
                    UploadCompletion.completeIfDone(c, charge.uploadId());
                }
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record payment for " + payment.debtId(), e);
        }
    }

    private static PaymentOutcome record(Connection c, Payment payment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PAY)) {
            ps.setObject(1, OffsetDateTime.ofInstant(payment.paidAt(), ZoneOffset.UTC));
            ps.setBigDecimal(2, payment.paidAmount());
            ps.setString(3, payment.paidBy());
            ps.setBigDecimal(4, payment.paidAmount());
            ps.setString(5, payment.debtId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new PaymentOutcome.Recorded(ChargeRows.read(rs));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setString(1, payment.debtId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new PaymentOutcome.UnknownDebt(payment.debtId());
                }
                Charge paid = ChargeRows.read(rs);
                if (paid.status() != ChargeStatus.PAID) {
                    throw new IllegalStateException("charge " + payment.debtId() + " is " + paid.status() + " yet was not updated");
                }
                return payment.sameAs(paid.paidAt(), paid.paidAmount(), paid.paidBy())
                        ? new PaymentOutcome.Replayed(paid)
                        : new PaymentOutcome.Conflict(paid);
            }
        }
    }
}
