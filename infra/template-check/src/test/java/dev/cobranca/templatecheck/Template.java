package dev.cobranca.templatecheck;

import dev.cobranca.samtemplate.CfnYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** template.yaml, parsed, with the few look-ups the checks need. */
record Template(Path root, Map<String, Object> yaml) {

    static final List<String> PSEUDO_PARAMETERS = List.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    static Template load() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("template.yaml not found above " + System.getProperty("user.dir"));
        }
        try {
            // -Dcobranca.template=another.yaml checks another file against this checkout (e.g. to see a check fail)
            String other = System.getProperty("cobranca.template");
            return new Template(dir, CfnYaml.load(other == null ? dir.resolve("template.yaml") : Path.of(other)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> section(String name) {
        return map(yaml.get(name));
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> resource(String id) {
        return map(resources().get(id));
    }

    Map<String, Object> properties(String id) {
        return map(resource(id).get("Properties"));
    }

    /** Logical ids of the resources of a type. */
    List<String> ofType(String type) {
        return resources().entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
    }

    Map<String, Object> globalFunction() {
        return map(section("Globals").get("Function"));
    }

    /** The function's environment: Globals first, the function's own variables over them. */
    Map<String, Object> environment(String functionId) {
        Map<String, Object> env = new LinkedHashMap<>(map(map(globalFunction().get("Environment")).get("Variables")));
        env.putAll(map(map(properties(functionId).get("Environment")).get("Variables")));
        return env;
    }

    int timeout(String functionId) {
        Object t = properties(functionId).getOrDefault("Timeout", globalFunction().getOrDefault("Timeout", 3));
        return ((Number) t).intValue();
    }

    /** functions/&lt;fn&gt; from the CodeUri, e.g. "csv-import". */
    String module(String functionId) {
        String codeUri = (String) properties(functionId).get("CodeUri");
        String[] parts = codeUri.split("/");
        return parts[1];
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
