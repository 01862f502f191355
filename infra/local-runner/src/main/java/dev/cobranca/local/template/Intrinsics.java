package dev.cobranca.local.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions with local values: parameters take their defaults (or overrides;
 * a parameter without either is empty), pseudo parameters describe a local stack, and {@code Ref}/{@code GetAtt}
 * of resources ask {@link Resources} (the bucket's name, the queue's URL and ARN on the emulators).
 */
public final class Intrinsics {

    /** What {@code AWS::NoValue} evaluates to: the property is dropped. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    /** Local values of the template's resources. */
    public interface Resources {
        /** {@code Ref} of a resource; null when the resource is not known. */
        String ref(String logicalId);

        /** {@code Fn::GetAtt}; null when not known. */
        String getAtt(String logicalId, String attribute);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Template template;
    private final Map<String, String> pseudo;
    private final Map<String, String> parameterOverrides;
    private final Resources resources;

    public Intrinsics(Template template, Map<String, String> pseudo, Map<String, String> parameterOverrides, Resources resources) {
        this.template = template;
        this.pseudo = pseudo;
        this.parameterOverrides = parameterOverrides;
        this.resources = resources;
    }

    /** Pseudo parameters of a local stack. */
    public static Map<String, String> localPseudoParameters(String stackName, String region) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AWS::StackName", stackName);
        p.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":000000000000:stack/" + stackName + "/local");
        p.put("AWS::AccountId", "000000000000");
        p.put("AWS::Region", region);
        p.put("AWS::Partition", "aws");
        p.put("AWS::URLSuffix", "amazonaws.com");
        return p;
    }

    /** Evaluates to a string (numbers and booleans as written); {@code where} names the property in errors. */
    public String string(Object value, String where) {
        Object v = resolve(value, where);
        if (v == NO_VALUE || v == null) {
            return null;
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            throw new TemplateException(where + ": expected a single value, got " + v);
        }
        return scalar(v);
    }

    public Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object arg = map.values().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    return function(key, arg, where);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = resolve(e.getValue(), where + "." + e.getKey());
                if (v != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object v = resolve(list.get(i), where + "[" + i + "]");
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    /** Evaluates a named condition of the template's {@code Conditions}. */
    public boolean condition(String name, String where) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new TemplateException(where + ": unknown condition " + name);
        }
        return truth(resolve(definition, "Conditions." + name), where);
    }

    private Object function(String name, Object arg, String where) {
        String at = where + " (" + name + ")";
        return switch (name) {
            case "Ref" -> ref(scalar(arg), at);
            case "Condition" -> condition(scalar(arg), at);
            case "Fn::GetAtt" -> getAtt(arg, at);
            case "Fn::Sub" -> sub(arg, at);
            case "Fn::Join" -> {
                List<?> a = list(arg, 2, at);
                List<?> items = list(resolve(a.get(1), at), -1, at);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        sb.append(scalar(resolve(a.get(0), at)));
                    }
                    sb.append(scalar(items.get(i)));
                }
                yield sb.toString();
            }
            case "Fn::Select" -> {
                List<?> a = list(arg, 2, at);
                int index = Integer.parseInt(scalar(resolve(a.get(0), at)));
                List<?> items = list(resolve(a.get(1), at), -1, at);
                if (index < 0 || index >= items.size()) {
                    throw new TemplateException(at + ": index " + index + " out of " + items);
                }
                yield items.get(index);
            }
            case "Fn::Split" -> {
                List<?> a = list(arg, 2, at);
                String delimiter = scalar(resolve(a.get(0), at));
                yield new ArrayList<>(Arrays.asList(scalar(resolve(a.get(1), at)).split(Pattern.quote(delimiter), -1)));
            }
            case "Fn::If" -> {
                List<?> a = list(arg, 3, at);
                yield resolve(condition(scalar(a.get(0)), at) ? a.get(1) : a.get(2), at);
            }
            case "Fn::Equals" -> {
                List<?> a = list(arg, 2, at);
                yield normalise(resolve(a.get(0), at)).equals(normalise(resolve(a.get(1), at)));
            }
            case "Fn::Not" -> !truth(resolve(list(arg, 1, at).get(0), at), at);
            case "Fn::And" -> list(arg, -1, at).stream().allMatch(c -> truth(resolve(c, at), at));
            case "Fn::Or" -> list(arg, -1, at).stream().anyMatch(c -> truth(resolve(c, at), at));
            case "Fn::Base64" -> java.util.Base64.getEncoder().encodeToString(
                    scalar(resolve(arg, at)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "Fn::FindInMap" -> {
                List<?> a = list(arg, 3, at);
                Object v = template.mappings().get(scalar(resolve(a.get(0), at)));
                for (int i = 1; i < 3 && v instanceof Map<?, ?> m; i++) {
                    v = m.get(scalar(resolve(a.get(i), at)));
                }
                if (v == null) {
                    throw new TemplateException(at + ": no such mapping entry " + a);
                }
                yield v;
            }
            default -> throw new TemplateException(at + ": " + name + " is not supported by the local runner");
        };
    }

    private Object ref(String name, String at) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if (template.parameters().containsKey(name)) {
            return parameter(name);
        }
        String value = resources.ref(name);
        if (value == null) {
            throw new TemplateException(at + ": Ref to " + name + ", which is neither a parameter nor a resource the local runner knows");
        }
        return value;
    }

    private Object parameter(String name) {
        Map<?, ?> definition = template.parameters().get(name) instanceof Map<?, ?> m ? m : Map.of();
        String value = parameterOverrides.containsKey(name) ? parameterOverrides.get(name)
                : definition.get("Default") == null ? "" : scalar(definition.get("Default"));
        String type = String.valueOf(definition.get("Type"));
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            return value.isEmpty() ? new ArrayList<>(List.of("")) : new ArrayList<>(Arrays.asList(value.split(",", -1)));
        }
        return value;
    }

    private Object getAtt(Object arg, String at) {
        List<?> a = list(arg, 2, at);
        String resource = scalar(resolve(a.get(0), at));
        String attribute = scalar(resolve(a.get(1), at));
        String value = resources.getAtt(resource, attribute);
        if (value == null) {
            throw new TemplateException(at + ": GetAtt " + resource + "." + attribute + " is not known locally");
        }
        return value;
    }

    private String sub(Object arg, String at) {
        String text;
        Map<?, ?> variables = Map.of();
        if (arg instanceof List<?> l) {
            List<?> a = list(l, 2, at);
            text = scalar(a.get(0));
            variables = a.get(1) instanceof Map<?, ?> m ? m : Map.of();
        } else {
            text = scalar(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = scalar(resolve(variables.get(expression), at));
            } else if (expression.contains(".") && !pseudo.containsKey(expression)) {
                int dot = expression.indexOf('.');
                replacement = scalar(getAtt(List.of(expression.substring(0, dot), expression.substring(dot + 1)), at));
            } else {
                replacement = scalar(ref(expression, at));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean truth(Object v, String at) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new TemplateException(at + ": expected a condition, got " + v);
    }

    private static Object normalise(Object v) {
        return v instanceof List<?> || v instanceof Map<?, ?> ? v : scalar(v);
    }

    private static List<?> list(Object arg, int size, String at) {
        if (!(arg instanceof List<?> l) || (size >= 0 && l.size() != size)) {
            throw new TemplateException(at + ": expected a list" + (size >= 0 ? " of " + size : "") + ", got " + arg);
        }
        return l;
    }

    private static String scalar(Object v) {
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }
}
