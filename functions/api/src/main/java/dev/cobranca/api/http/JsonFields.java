package dev.cobranca.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads typed fields of a JSON object body, answering 400 with the field's name when one is missing or wrong. */
public final class JsonFields {

    private final JsonNode object;

    public JsonFields(JsonNode object) {
        this.object = object;
    }

    /** Refuses fields the route does not know: a misspelt field would otherwise be silently ignored. */
    public JsonFields only(Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(Json.clip(name));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; allowed: " + allowed.stream().sorted().toList() + ".");
        }
        return this;
    }

    public String text(String field) {
        JsonNode node = present(field);
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string.");
        }
        return node.textValue();
    }

    /** A string field that may be absent (or null): then the default. */
    public String text(String field, String defaultValue) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? defaultValue : text(field);
    }

    public long wholeNumber(String field) {
        JsonNode node = present(field);
        if (!node.isIntegralNumber() && !(node.isBigDecimal() && isWhole(node.decimalValue()))) {
            throw ApiException.badRequest(field + " must be a whole number.");
        }
        if (!node.canConvertToLong()) {
            throw ApiException.badRequest(field + " is out of range.");
        }
        return node.longValue();
    }

    /** A decimal given as a JSON number or a string such as {@code "1000.50"}, never through a double. */
    public BigDecimal decimal(String field) {
        JsonNode node = present(field);
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual() && node.textValue().matches("-?\\d{1,15}(\\.\\d{1,15})?")) {
            return new BigDecimal(node.textValue());
        }
        throw ApiException.badRequest(field + " must be a decimal number such as 1000.50.");
    }

    private JsonNode present(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(field + " is required.");
        }
        return node;
    }

    private static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }
}
