package dev.cobranca.api.auth;

import dev.cobranca.api.http.ApiException;
import dev.cobranca.api.http.HttpRequest;

/**
 * The OAuth scopes of the API, one per kind of access (the template's Cognito resource server {@code cobranca}
 * defines them; an external issuer must issue the same names). The authorizer enforces them at the gateway; the
 * function checks them again, so a route wired without its authorizer still refuses anonymous calls.
 */
public final class Scopes {

    public static final String UPLOADS_WRITE = "cobranca/uploads:write";
    public static final String UPLOADS_READ = "cobranca/uploads:read";
    /** Debtors' names, CPF/CNPJ and e-mail addresses: personal data. */
    public static final String CHARGES_READ = "cobranca/charges:read";

    private Scopes() {
    }

    /** @throws ApiException 401 without an authenticated caller, 403 when its token lacks the scope */
    public static void require(HttpRequest request, String scope) {
        Caller caller = request.caller();
        if (caller == null) {
            throw ApiException.unauthorized("a bearer token is required: Authorization: Bearer <access token>.");
        }
        if (!caller.scopes().contains(scope)) {
            throw ApiException.forbidden("the access token lacks the scope " + scope + ".");
        }
    }
}
