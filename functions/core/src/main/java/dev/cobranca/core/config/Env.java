package dev.cobranca.core.config;

import java.util.Locale;
import java.util.Map;

/**
 * Reads a function's environment once, at init, failing fast with a message that names the variable and says
 * what it should hold (HikariCP-style). Blank values count as unset.
 */
public final class Env {

    private final Map<String, String> vars;

    private Env(Map<String, String> vars) {
        this.vars = vars;
    }

    public static Env of(Map<String, String> vars) {
        return new Env(vars);
    }

    /** @return the trimmed value, or null when unset or blank */
    public String optional(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String optional(String name, String defaultValue) {
        String value = optional(name);
        return value == null ? defaultValue : value;
    }

    /** @param what what the variable holds, for the message: "the URL of the e-mail queue" */
    public String required(String name, String what) {
        String value = optional(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required: " + what + ".");
        }
        return value;
    }

    /** A required value of {@code min} to {@code max} decimal digits. */
    public String digits(String name, int min, int max, String what) {
        String value = required(name, what);
        if (value.length() < min || value.length() > max || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be " + what + ", got '" + value + "'.");
        }
        return value;
    }

    public boolean bool(String name, boolean defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'.");
        };
    }

    public long range(String name, long defaultValue, long min, long max) {
        String raw = optional(name);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'.");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value + ".");
        }
        return value;
    }

    public int range(String name, int defaultValue, int min, int max) {
        return (int) range(name, (long) defaultValue, min, max);
    }
}
