package dev.cobranca.api.response;

/** Every 4xx and 5xx: a short machine code and a sentence for people. */
public record ErrorBody(String error, String message) {
}
