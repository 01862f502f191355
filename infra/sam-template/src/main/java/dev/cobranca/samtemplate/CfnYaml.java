package dev.cobranca.samtemplate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template. The short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) become
 * their long JSON form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}), as CloudFormation sees them.
 */
public final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "Length", "ToJsonString",
            // rule functions (the Rules section)
            "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll");

    private CfnYaml() {
    }

    public static Map<String, Object> load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(in);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Reader in) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        Object doc = new Yaml(new Constructor(options)).load(in);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the template is not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    private static final class Constructor extends SafeConstructor {

        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode s -> constructScalar(s);
                    case SequenceNode s -> new ArrayList<>(constructSequence(s));
                    case MappingNode m -> new LinkedHashMap<>(constructMapping(m));
                    default -> throw new IllegalArgumentException("unexpected YAML node for !" + name);
                };
                if (name.equals("Fn::GetAtt") && value instanceof String s) {
                    int dot = s.indexOf('.');
                    value = dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(name, value);
                return longForm;
            }
        }
    }
}
