package dev.cobranca.postgres;

/** A database user and password; the password never appears in logs. */
public record DatabaseCredentials(String user, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + ", password=***]";
    }
}
