package dev.cobranca.api;

import dev.cobranca.api.auth.Scopes;
import dev.cobranca.api.http.ApiException;
import dev.cobranca.api.http.HttpRequest;
import dev.cobranca.api.http.HttpResponse;
import dev.cobranca.api.http.Json;
import dev.cobranca.api.http.JsonFields;
import dev.cobranca.api.http.Router;
import dev.cobranca.api.model.ChargeFilter;
import dev.cobranca.api.model.Payment;
import dev.cobranca.api.model.WebhookEvent;
import dev.cobranca.api.model.WebhookResult;
import dev.cobranca.api.response.ErrorBody;
import dev.cobranca.api.response.WebhookReceipt;
import dev.cobranca.api.webhook.Delivery;
import dev.cobranca.api.webhook.WebhookSignature;
import dev.cobranca.core.charge.ChargeStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP face of {@link ApiService}: routes, request parsing, and every failure turned into a JSON error. */
public final class ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Set<String> LIST_PARAMS = Set.of("uploadId", "status", "limit", "cursor");

    private final ApiService service;
    private final Router router;

    /** The scope each route needs; the webhook needs none: it is signed instead. The template declares the same. */
    public static final Map<String, String> SCOPES = Map.of(
            "POST /uploads", Scopes.UPLOADS_WRITE,
            "GET /uploads/{id}", Scopes.UPLOADS_READ,
            "GET /charges", Scopes.CHARGES_READ,
            "GET /charges/{debtId}", Scopes.CHARGES_READ);
    /** The route no token guards: {@link WebhookSignature} does. */
    public static final String SIGNED_ROUTE = "POST /webhooks/payments";

    public ApiRoutes(ApiService service) {
        this.service = service;
        this.router = new Router()
                .route("POST", "/uploads", scoped("POST /uploads", (req, p) -> createUpload(req)))
                .route("GET", "/uploads/{id}", scoped("GET /uploads/{id}", (req, p) -> ok(200, service.upload(uuid("upload id", p.get("id"))))))
                .route("GET", "/charges", scoped("GET /charges", (req, p) -> listCharges(req)))
                .route("GET", "/charges/{debtId}", scoped("GET /charges/{debtId}", (req, p) -> ok(200, service.charge(p.get("debtId")))))
                .route("POST", "/webhooks/payments", (req, p) -> payment(req));
    }

    /** Defence in depth: the gateway's authorizer checked the token; the function checks its scope again. */
    private static Router.Action scoped(String routeKey, Router.Action action) {
        String scope = SCOPES.get(routeKey);
        return (req, p) -> {
            Scopes.require(req, scope);
            return action.apply(req, p);
        };
    }

    public Router router() {
        return router;
    }

    /** Never throws: a refused request is a 4xx, anything unexpected a 500 whose cause is logged, not returned. */
    public HttpResponse handle(HttpRequest request) {
        try {
            return router.dispatch(request);
        } catch (ApiException e) {
            return error(e.status(), e.code(), e.getMessage(), Map.of());
        } catch (Router.MethodNotAllowed e) {
            return error(405, "method_not_allowed", e.getMessage(), Map.of("Allow", e.allow()));
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed (requestId {})", request.method(), request.path(), request.requestId(), e);
            return error(500, "internal_error", "Something went wrong on our side; reference " + request.requestId() + ".", Map.of());
        }
    }

    private HttpResponse createUpload(HttpRequest request) {
        JsonFields body = new JsonFields(Json.objectBody(request)).only(Set.of("fileName", "contentLength"));
        return ok(201, service.createUpload(body.text("fileName"), body.wholeNumber("contentLength")));
    }

    private HttpResponse listCharges(HttpRequest request) {
        Map<String, String> q = request.query();
        for (String name : q.keySet()) {
            if (!LIST_PARAMS.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; allowed: cursor, limit, status, uploadId.");
            }
        }
        UUID uploadId = q.containsKey("uploadId") ? uuid("uploadId", q.get("uploadId")) : null;
        ChargeStatus status = q.containsKey("status") ? status(q.get("status")) : null;
        int limit = q.containsKey("limit") ? limit(q.get("limit")) : DEFAULT_LIMIT;
        String cursor = q.get("cursor");
        if (cursor != null && cursor.isEmpty()) {
            throw ApiException.badRequest("cursor is not valid: pass back the nextCursor of a previous page unchanged.");
        }
        return ok(200, service.charges(new ChargeFilter(uploadId, status), limit, cursor));
    }

    private HttpResponse payment(HttpRequest request) {
        Delivery delivery = service.verifyWebhook(request.header(WebhookSignature.HEADER), request.body(), request.requestId());
        WebhookEvent event;
        WebhookResult result;
        try {
            event = webhookEvent(request);
            result = service.receiveWebhook(delivery, event);
        } catch (ApiException e) {
            if (e.status() / 100 == 4) {
                service.refuseWebhook(delivery, e);
            }
            throw e;
        }
        // a replay of the same signed call is answered as its first delivery was
        return switch (result.firstOutcome()) {
            case ACCEPTED, AMOUNT_MISMATCH, DUPLICATE -> ok(200, ApiService.paymentView(result.charge(),
                    result.outcome() == dev.cobranca.api.model.WebhookOutcome.DUPLICATE, result.inboxId()));
            case CONFLICT -> throw ApiException.conflict("charge " + event.debtId() + ": " + result.reason()
                    + " Kept as inbox #" + result.inboxId() + ".");
            case UNKNOWN_DEBT -> throw ApiException.notFound("charge " + event.debtId() + " does not exist; the notice is kept as inbox #"
                    + result.inboxId() + ".");
            case IGNORED_TYPE -> ok(202, new WebhookReceipt(result.inboxId(), result.outcome().column(), event.type(), event.debtId(),
                    result.reason()));
            case REFUSED -> throw ApiException.badRequest("this call was refused before (" + result.reason() + ").");
        };
    }

    /**
     * {@code {"type": "payment" (default) | "refund" | "chargeback" | ..., "eventId"?, "debtId", "paidAt", "paidAmount",
     * "paidBy"}}. Providers add fields of their own: unknown fields are ignored rather than losing a payment over one.
     */
    private static WebhookEvent webhookEvent(HttpRequest request) {
        JsonFields body = new JsonFields(Json.objectBody(request));
        String type = body.text("type", WebhookEvent.PAYMENT);
        String eventId = body.text("eventId", null);
        String debtId = body.text("debtId");
        if (!WebhookEvent.PAYMENT.equals(type)) {
            return new WebhookEvent(eventId, type, debtId, null);
        }
        Instant paidAt = instant("paidAt", body.text("paidAt"));
        return new WebhookEvent(eventId, type, debtId, new Payment(debtId, paidAt, body.decimal("paidAmount"), body.text("paidBy")));
    }

    private static UUID uuid(String what, String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ApiException.badRequest(what + " must be a UUID such as 3f1c2a9e-8b1d-4c55-9a57-0c2d7e5b9a10.");
        }
        return UUID.fromString(text);
    }

    private static ChargeStatus status(String text) {
        try {
            return ChargeStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status must be one of " + Arrays.toString(ChargeStatus.values()) + ".");
        }
    }

    private static int limit(String text) {
        if (!text.matches("\\d{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        return Integer.parseInt(text);
    }

    private static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 date-time with an offset, such as 2026-01-31T14:30:00-03:00.");
        }
    }

    private static HttpResponse ok(int status, Object body) {
        return new HttpResponse(status, JSON, Json.write(body));
    }

    private static HttpResponse error(int status, String code, String message, Map<String, String> extraHeaders) {
        Map<String, String> headers = new java.util.HashMap<>(JSON);
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, Json.write(new ErrorBody(code, message)));
    }
}
