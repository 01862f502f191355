package dev.cobranca.api;

import dev.cobranca.api.http.ApiException;
import dev.cobranca.api.model.BankSide;
import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.ChargeFilter;
import dev.cobranca.api.model.NewUpload;
import dev.cobranca.api.model.Payment;
import dev.cobranca.api.model.PaymentOutcome;
import dev.cobranca.api.model.UploadProgress;
import dev.cobranca.api.port.ChargeQuery;
import dev.cobranca.api.port.PaymentStore;
import dev.cobranca.api.port.UploadStore;
import dev.cobranca.api.port.UrlSigner;
import dev.cobranca.api.port.UrlSigner.PresignedUrl;
import dev.cobranca.api.response.ChargeDetail;
import dev.cobranca.api.response.ChargePage;
import dev.cobranca.api.response.ChargeView;
import dev.cobranca.api.response.PaymentView;
import dev.cobranca.api.response.UploadCreated;
import dev.cobranca.api.response.UploadView;
import dev.cobranca.core.charge.ChargeStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API's use cases over its ports; inputs arrive parsed, and the rules of each value are checked here. */
public final class ApiService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);

    static final String CSV_CONTENT_TYPE = "text/csv";
    static final int MAX_FILE_NAME = 255;
    /** Letters, marks, digits, space and a few punctuation marks; no path separators or control characters. */
    private static final Pattern FILE_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} ._()\\[\\]+,@&'-]+\\.[cC][sS][vV]");
    static final int MAX_DEBT_ID = 64;
    static final int MAX_PAID_BY = 200;
    /** numeric(12,2) */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    private final ApiConfig config;
    private final UploadStore uploads;
    private final ChargeQuery charges;
    private final PaymentStore payments;
    private final UrlSigner signer;

    public ApiService(ApiConfig config, UploadStore uploads, ChargeQuery charges, PaymentStore payments, UrlSigner signer) {
        this.config = config;
        this.uploads = uploads;
        this.charges = charges;
        this.payments = payments;
        this.signer = signer;
    }

    public ApiConfig config() {
        return config;
    }

    public UploadCreated createUpload(String fileName, long contentLength) {
        if (fileName.length() > MAX_FILE_NAME || !FILE_NAME.matcher(fileName).matches() || fileName.startsWith(".")) {
            throw ApiException.badRequest("fileName must be a plain file name ending in .csv (letters, digits, spaces and ._-()[]+,@&' only, at most "
                    + MAX_FILE_NAME + " characters).");
        }
        if (contentLength <= 0) {
            throw ApiException.badRequest("contentLength must be greater than 0.");
        }
        if (contentLength > config.uploadMaxBytes()) {
            throw ApiException.tooLarge("contentLength " + contentLength + " exceeds the limit of " + config.uploadMaxBytes() + " bytes.");
        }
        UUID id = UUID.randomUUID();
        String key = "uploads/" + id + ".csv"; // the server chooses the key; the client's name is only a label
        uploads.create(new NewUpload(id, config.bucket(), key, fileName, contentLength));
        PresignedUrl url = signer.upload(key, CSV_CONTENT_TYPE, contentLength, config.uploadUrlTtl());
        LOG.info("upload {} created: {} bytes declared", id, contentLength);
        return new UploadCreated(id, url.url(), "PUT",
                Map.of("Content-Type", CSV_CONTENT_TYPE, "Content-Length", Long.toString(contentLength)), url.expiresAt());
    }

    public UploadView upload(UUID id) {
        UploadProgress p = uploads.find(id).orElseThrow(() -> ApiException.notFound("upload " + id + " does not exist."));
        String reportUrl = p.rejectedReportKey() == null ? null : signer.download(p.rejectedReportKey(), config.reportUrlTtl()).url();
        Map<String, Long> bank = uploads.bankCounts(id);
        return new UploadView(p.id(), p.status().name(),
                new UploadView.Rows(p.rowsTotal(), p.rowsAccepted(), p.rowsRejected(), p.rowsDuplicate()),
                new UploadView.Charges(p.charges(ChargeStatus.CREATED), p.charges(ChargeStatus.INVOICED),
                        p.charges(ChargeStatus.EMAILED), p.charges(ChargeStatus.PAID), p.charges(ChargeStatus.FAILED)),
                new UploadView.Bank(bank.getOrDefault("NOT_SENT", 0L), bank.getOrDefault("SENT", 0L),
                        bank.getOrDefault("CONFIRMED", 0L), bank.getOrDefault("REJECTED", 0L),
                        bank.getOrDefault("SETTLED", 0L), bank.getOrDefault("WRITTEN_OFF", 0L)),
                p.createdAt(), p.importStartedAt(), p.importedAt(), p.completedAt(), reportUrl, p.error(),

                p.stuck() == null ? null : new UploadView.Stuck(p.stuck().waitingInvoice(), p.stuck().waitingEmail(),
                        p.stuck().requeued(), p.stuck().deadLettered(), p.stuck().lastRepairAt()));
    }

    /** @param cursor null for the first page */
    public ChargePage charges(ChargeFilter filter, int limit, String cursor) {
        long after = cursor == null ? 0 : Cursor.decode(cursor);
        // one extra row tells whether another page exists, so the last page says so instead of a final empty one
        List<Charge> rows = charges.page(filter, after, limit + 1);
        boolean more = rows.size() > limit;
        List<Charge> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursor.encode(page.getLast().seq()) : null;
        return new ChargePage(page.stream().map(ChargeView::of).toList(), next);
    }

    public ChargeDetail charge(String debtId) {
        checkDebtId(debtId);
        Charge c = charges.find(debtId).orElseThrow(() -> ApiException.notFound("charge " + debtId + " does not exist."));
        String invoiceUrl = c.invoiceKey() == null ? null : signer.download(c.invoiceKey(), config.invoiceUrlTtl()).url();
        BankSide bank = charges.bank(debtId).orElse(new BankSide("NOT_SENT", null, null, null, null, null, null, null, List.of()));
        return new ChargeDetail(ChargeView.of(c), invoiceUrl, bank);
    }

    public PaymentView recordPayment(Payment payment) {
        checkDebtId(payment.debtId());
        if (payment.paidAmount().signum() <= 0 || payment.paidAmount().compareTo(MAX_AMOUNT) > 0) {
            throw ApiException.badRequest("paidAmount must be greater than 0 and at most " + MAX_AMOUNT.toPlainString() + ".");
        }
        if (payment.paidAmount().stripTrailingZeros().scale() > 2) {
            throw ApiException.badRequest("paidAmount has at most 2 decimal places.");
        }
        if (payment.paidBy().isBlank() || payment.paidBy().length() > MAX_PAID_BY || payment.paidBy().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("paidBy must be non-blank text of at most " + MAX_PAID_BY + " characters.");
        }
        return switch (payments.record(payment)) {
            case PaymentOutcome.Recorded(Charge c) -> {
                LOG.info("charge {} paid{}", c.debtId(), c.paymentMismatch() ? " with an amount different from the charge's" : "");
                yield paymentView(c, false);
            }
            case PaymentOutcome.Replayed(Charge c) -> {
                LOG.info("charge {}: payment replayed, nothing changed", c.debtId());
                yield paymentView(c, true);
            }
            case PaymentOutcome.Conflict(Charge c) -> throw ApiException.conflict("charge " + c.debtId()
                    + " is already paid by a different payment (paidAt " + c.paidAt() + ", paidAmount " + c.paidAmount().toPlainString() + ").");
            case PaymentOutcome.UnknownDebt(String debtId) -> throw ApiException.notFound("charge " + debtId + " does not exist.");
        };
    }

    private static PaymentView paymentView(Charge c, boolean replayed) {
        return new PaymentView(c.debtId(), c.status().name(), c.amount(), c.paidAt(), c.paidAmount(), c.paidBy(), c.paymentMismatch(), replayed);
    }

    static void checkDebtId(String debtId) {
        if (debtId.isBlank() || debtId.length() > MAX_DEBT_ID || debtId.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("debtId must be non-blank text of at most " + MAX_DEBT_ID + " characters.");
        }
    }
}
