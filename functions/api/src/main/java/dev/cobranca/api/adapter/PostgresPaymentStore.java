package dev.cobranca.api.adapter;

import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.Payment;
import dev.cobranca.api.model.PaymentOutcome;
import dev.cobranca.api.model.WebhookEvent;
import dev.cobranca.api.model.WebhookOutcome;
import dev.cobranca.api.model.WebhookResult;
import dev.cobranca.api.port.PaymentStore;
import dev.cobranca.api.webhook.Delivery;
import dev.cobranca.core.charge.ChargeStatus;
import dev.cobranca.postgres.Transactions;
import dev.cobranca.postgres.UploadCompletion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * {@link PaymentStore} on {@code webhook_inbox} and {@code charges}, one transaction per call. The inbox's unique
 * first delivery per signed call decides replays: a concurrent copy of the same call waits on that index until the
 * first commits, then becomes a duplicate. The conditional UPDATE decides payments: of two different calls paying
 * one charge only one moves it to PAID; the other then reads the PAID row and is either the same payment (a
 * replay) or a different one (a conflict).
 */
public final class PostgresPaymentStore implements PaymentStore {

    private static final String PAY = "update charges set status = 'PAID', paid_at = ?, paid_amount = ?, paid_by = ?,"
            + " payment_mismatch = (amount <> ?) where debt_id = ? and status <> 'PAID' returning " + ChargeRows.COLUMNS;
    private static final String READ = "select " + ChargeRows.COLUMNS + " from charges where debt_id = ?";
    private static final String INSERT = """
            insert into webhook_inbox (signed_at, delivery_hash, body_sha256, body, request_id, event_id, event_type,
                                       debt_id, paid_at, paid_amount, paid_by, first_delivery, outcome, reason)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_FIRST = INSERT + " on conflict (delivery_hash) where first_delivery do nothing returning id";
    private static final String INSERT_DUPLICATE = INSERT + " returning id";
    private static final String FIRST = "select id, outcome, debt_id from webhook_inbox where delivery_hash = ? and first_delivery";
    private static final String SETTLE = "update webhook_inbox set outcome = ?, reason = ? where id = ?";

    private final DataSource dataSource;

    public PostgresPaymentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public WebhookResult receive(Delivery delivery, WebhookEvent event) {
        return inTransaction(delivery, c -> {
            Long id = insert(c, INSERT_FIRST, delivery, event, true, WebhookOutcome.REFUSED, null);
            if (id == null) {
                return duplicate(c, delivery, event);
            }
            if (!event.isPayment()) {
                String reason = event.type() + " events are kept, not applied: only a payment marks a charge PAID.";
                settle(c, id, WebhookOutcome.IGNORED_TYPE, reason);
                return new WebhookResult(id, WebhookOutcome.IGNORED_TYPE, WebhookOutcome.IGNORED_TYPE, reason, read(c, event.debtId()));
            }
            PaymentOutcome outcome = pay(c, event.payment());
            WebhookResult result = switch (outcome) {
                case PaymentOutcome.Recorded(Charge charge) -> {
                    // the paid charge may have been the last one of its upload still waiting for a boleto or an e-mail
                    UploadCompletion.completeIfDone(c, charge.uploadId());
                    yield charge.paymentMismatch()
                            ? result(id, WebhookOutcome.AMOUNT_MISMATCH, "paid " + charge.paidAmount().toPlainString()
                                    + ", the charge's amount is " + charge.amount().toPlainString() + ".", charge)
                            : result(id, WebhookOutcome.ACCEPTED, null, charge);
                }
                case PaymentOutcome.Replayed(Charge charge) ->
                        result(id, WebhookOutcome.DUPLICATE, "this payment is already recorded on the charge.", charge);
                case PaymentOutcome.Conflict(Charge charge) -> result(id, WebhookOutcome.CONFLICT,
                        "the charge is already PAID by a different payment (paidAt " + charge.paidAt() + ", paidAmount "
                                + charge.paidAmount().toPlainString() + ").", charge);
                case PaymentOutcome.UnknownDebt(String debtId) ->
                        result(id, WebhookOutcome.UNKNOWN_DEBT, "no charge has this debtId.", null);
            };
            settle(c, id, result.outcome(), result.reason());
            return result;
        });
    }

    @Override
    public WebhookResult refuse(Delivery delivery, String reason) {
        return inTransaction(delivery, c -> {
            Long id = insert(c, INSERT_FIRST, delivery, null, true, WebhookOutcome.REFUSED, reason);
            return id == null ? duplicate(c, delivery, null) : new WebhookResult(id, WebhookOutcome.REFUSED, WebhookOutcome.REFUSED, reason, null);
        });
    }

    private static WebhookResult result(long id, WebhookOutcome outcome, String reason, Charge charge) {
        return new WebhookResult(id, outcome, outcome, reason, charge);
    }

    /** The same signed call again: kept as a duplicate of the first, and answered as the first was. */
    private static WebhookResult duplicate(Connection c, Delivery delivery, WebhookEvent event) throws SQLException {
        long firstId;
        WebhookOutcome first;
        String debtId;
        try (PreparedStatement ps = c.prepareStatement(FIRST)) {
            ps.setString(1, delivery.deliveryHash());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("inbox: conflict on " + delivery.deliveryHash() + " without a first delivery");
                }
                firstId = rs.getLong(1);
                first = WebhookOutcome.ofColumn(rs.getString(2));
                debtId = rs.getString(3);
            }
        }
        String reason = "the same signed call as inbox #" + firstId + ": not applied again.";
        Long id = insert(c, INSERT_DUPLICATE, delivery, event, false, WebhookOutcome.DUPLICATE, reason);
        return new WebhookResult(id, WebhookOutcome.DUPLICATE, first, reason, debtId == null ? null : read(c, debtId));
    }

    private static Long insert(Connection c, String sql, Delivery d, WebhookEvent event, boolean first,
                               WebhookOutcome outcome, String reason) throws SQLException {
        Payment p = event == null ? null : event.payment();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(d.signedAt()));
            ps.setString(2, d.deliveryHash());
            ps.setString(3, d.bodySha256());
            ps.setString(4, d.body());
            ps.setString(5, d.requestId());
            ps.setString(6, event == null ? null : event.eventId());
            ps.setString(7, event == null ? null : event.type());
            ps.setString(8, event == null ? null : event.debtId());
            ps.setObject(9, p == null ? null : OffsetDateTime.ofInstant(p.paidAt(), ZoneOffset.UTC));
            ps.setBigDecimal(10, p == null ? null : p.paidAmount());
            ps.setString(11, p == null ? null : p.paidBy());
            ps.setBoolean(12, first);
            ps.setString(13, outcome.column());
            ps.setString(14, reason);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null; // none: the first delivery of this call is already kept
            }
        }
    }

    private static void settle(Connection c, long id, WebhookOutcome outcome, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
            ps.setString(1, outcome.column());
            ps.setString(2, reason);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private static PaymentOutcome pay(Connection c, Payment payment) throws SQLException {
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
        Charge paid = read(c, payment.debtId());
        if (paid == null) {
            return new PaymentOutcome.UnknownDebt(payment.debtId());
        }
        if (paid.status() != ChargeStatus.PAID) {
            throw new IllegalStateException("charge " + payment.debtId() + " is " + paid.status() + " yet was not updated");
        }
        return payment.sameAs(paid.paidAt(), paid.paidAmount(), paid.paidBy())
                ? new PaymentOutcome.Replayed(paid)
                : new PaymentOutcome.Conflict(paid);
    }

    private static Charge read(Connection c, String debtId) throws SQLException {
        if (debtId == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setString(1, debtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ChargeRows.read(rs) : null;
            }
        }
    }

    private WebhookResult inTransaction(Delivery delivery, Transactions.Work<WebhookResult> work) {
        try {
            return Transactions.call(dataSource, work);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep webhook call " + delivery.deliveryHash() + " in the inbox", e);
        }
    }
}
