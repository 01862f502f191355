package dev.cobranca.api;

import dev.cobranca.api.http.ApiException;
import dev.cobranca.api.http.Json;
import dev.cobranca.api.model.BankSide;
import dev.cobranca.api.model.Charge;
import dev.cobranca.api.model.ChargeFilter;
import dev.cobranca.api.model.NewUpload;
import dev.cobranca.api.model.Payment;
import dev.cobranca.api.model.UploadProgress;
import dev.cobranca.api.model.WebhookEvent;
import dev.cobranca.api.model.WebhookResult;
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
import dev.cobranca.api.webhook.Delivery;
import dev.cobranca.api.webhook.WebhookSignature;
import dev.cobranca.core.charge.ChargeStatus;
import java.math.BigDecimal;
import java.time.Clock;
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
    private final WebhookSignature signature;
    private final Clock clock;

    public ApiService(ApiConfig config, UploadStore uploads, ChargeQuery charges, PaymentStore payments, UrlSigner signer) {
        this(config, uploads, charges, payments, signer, Clock.systemUTC());
    }

    public ApiService(ApiConfig config, UploadStore uploads, ChargeQuery charges, PaymentStore payments, UrlSigner signer, Clock clock) {
        this.config = config;
        this.uploads = uploads;
        this.charges = charges;
        this.payments = payments;
        this.signer = signer;
        this.signature = new WebhookSignature(config.webhook());
        this.clock = clock;
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
                p.createdAt(), p.importStartedAt(), p.importedAt(), p.completedAt(), reportUrl, p.error(), p.overwrites(),
                p.stuck() == null ? null : new UploadView.Stuck(p.stuck().waitingInvoice(), p.stuck().waitingEmail(),
                        p.stuck().requeued(), p.stuck().deadLettered(), p.stuck().lastRepairAt()),
                // an alert holds back every e-mail: it concerns this upload while it has charges waiting for theirs
                p.charges(ChargeStatus.INVOICED) > 0 ? uploads.openMailAlerts() : List.of());
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

    /**
     * A webhook call, signature first: only a call the provider signed reaches the inbox.
     *
     * @throws dev.cobranca.api.http.ApiException 401 when the signature does not verify
     */
    public Delivery verifyWebhook(String signatureHeader, byte[] body, String requestId) {
        try {
            return Delivery.of(signature.verify(signatureHeader, body, clock.instant()), body, Json.MAX_BODY_BYTES, requestId);
        } catch (ApiException e) {
            LOG.warn("webhook call refused (requestId {}): {}", requestId, e.getMessage());
            throw e;
        }
    }

    /** A verified call whose body is refused (the 4xx is the caller's to throw): kept in the inbox with the reason. */
    public void refuseWebhook(Delivery delivery, ApiException why) {
        WebhookResult r = payments.refuse(delivery, why.getMessage());
        LOG.warn("webhook call kept as inbox #{} ({}): {}", r.inboxId(), r.outcome().column(), why.getMessage());
    }

    /** Checks the event's values; a payment is applied, any other type only kept. */
    public WebhookResult receiveWebhook(Delivery delivery, WebhookEvent event) {
        checkEvent(event);
        WebhookResult r = payments.receive(delivery, event);
        LOG.info("webhook {} for charge {}: inbox #{} {}{}", event.type(), event.debtId(), r.inboxId(), r.outcome().column(),
                r.reason() == null ? "" : ": " + r.reason());
        return r;
    }

    static void checkEvent(WebhookEvent event) {
        checkDebtId(event.debtId());
        if (event.type().isBlank() || event.type().length() > 40 || !event.type().matches("[a-z][a-z0-9_.-]*")) {
            throw ApiException.badRequest("type must be a lower-case event name such as payment, refund or chargeback.");
        }
        if (event.eventId() != null && (event.eventId().isBlank() || event.eventId().length() > 200
                || event.eventId().chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest("eventId must be non-blank text of at most 200 characters.");
        }
        if (event.isPayment()) {
            checkPayment(event.payment());
        }
    }

    static void checkPayment(Payment payment) {
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
    }

    public static PaymentView paymentView(Charge c, boolean replayed, long inboxId) {
        return new PaymentView(c.debtId(), c.status().name(), c.amount(), c.paidAt(), c.paidAmount(), c.paidBy(), c.paymentMismatch(),
                replayed, inboxId);
    }

    static void checkDebtId(String debtId) {
        if (debtId.isBlank() || debtId.length() > MAX_DEBT_ID || debtId.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("debtId must be non-blank text of at most " + MAX_DEBT_ID + " characters.");
        }
    }
}
