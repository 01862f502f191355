package dev.cobranca.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads handler responses the way a client would: status, headers and JSON body. */
record Responses(int status, java.util.Map<String, String> headers, String body, JsonNode json) {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static Responses of(APIGatewayV2HTTPResponse r) {
        try {
            return new Responses(r.getStatusCode(), r.getHeaders(), r.getBody(), MAPPER.readTree(r.getBody()));
        } catch (java.io.IOException e) {
            throw new AssertionError("response body is not JSON: " + r.getBody(), e);
        }
    }

    String error() {
        return json.path("error").asText(null);
    }

    String text(String field) {
        return json.path(field).asText(null);
    }
}
