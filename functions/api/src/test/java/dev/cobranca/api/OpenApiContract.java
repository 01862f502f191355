package dev.cobranca.api;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/openapi.yaml as a test oracle: the JSON Schema (2020-12, as OpenAPI 3.1 uses) of each documented response,
 * with {@code #/components/...} references resolved against the document itself.
 */
final class OpenApiContract {

    private static final OpenApiContract INSTANCE = new OpenApiContract();

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    /** Exact decimals: multipleOf 0.01 must not meet a double. */
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.yaml")) {
            document = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiContract get() {
        return INSTANCE;
    }

    JsonNode document() {
        return document;
    }

    /** "METHOD /path" for every documented operation. */
    TreeSet<String> routeKeys() {
        TreeSet<String> keys = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                keys.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }
        return keys;
    }

    /** @return the schema violations of {@code body} as the response {@code status} of the operation */
    List<String> violations(String method, String pathTemplate, int status, String body) {
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(java.util.Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of("operation " + method + " " + pathTemplate + " is not documented");
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of("status " + status + " is not documented for " + method + " " + pathTemplate);
        }
        response = deref(response);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of("no application/json schema for " + status + " of " + method + " " + pathTemplate);
        }
        return validate(schema, body);
    }

    /** Violations of {@code body} against a component schema, e.g. "Error". */
    List<String> violationsOf(String componentSchema, String body) {
        return validate(document.path("components").path("schemas").path(componentSchema), body);
    }

    private List<String> validate(JsonNode schemaNode, String body) {
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schemaNode);
        root.set("components", document.get("components"));
        Schema schema = registry.getSchema(root);
        JsonNode instance = json.readTree(body);
        return schema.validate(instance).stream().map(Error::toString).toList();
    }

    private JsonNode deref(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asString().substring(1); // "#/components/responses/X" -> "/components/responses/X"
        return document.at(pointer);
    }
}
