package dev.cobranca.core.log;

/** Personal data never appears whole in logs or error messages. */
public final class Masking {

    private Masking() {
    }

    /** {@code 12345678901} becomes {@code *********01}: enough to tell ids apart in a log, not to identify. */
    public static String governmentId(String id) {
        if (id == null || id.isEmpty()) {
            return "";
        }
        int keep = id.length() > 4 ? 2 : 0;
        return "*".repeat(id.length() - keep) + id.substring(id.length() - keep);
    }

    /** {@code johndoe@kanastra.com.br} becomes {@code j***@kanastra.com.br}. */
    public static String email(String email) {
        if (email == null || email.isEmpty()) {
            return "";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
