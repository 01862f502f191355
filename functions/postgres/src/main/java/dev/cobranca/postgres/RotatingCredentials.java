package dev.cobranca.postgres;

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import java.util.function.Supplier;

/**
 * The pool's credentials for each new connection: the last ones read, until {@link #refresh()} makes the next
 * connection read the secret again (after a rotation, or when a SnapStart snapshot is restored days later).
 */
public final class RotatingCredentials implements HikariCredentialsProvider {

    private final Supplier<DatabaseCredentials> source;
    private volatile Credentials current;

    public RotatingCredentials(DatabaseCredentials initial, Supplier<DatabaseCredentials> source) {
        this.source = source;
        this.current = initial == null ? null : Credentials.of(initial.user(), initial.password());
    }

    @Override
    public Credentials getCredentials() {
        Credentials c = current;
        if (c == null) {
            synchronized (this) {
                c = current;
                if (c == null) {
                    DatabaseCredentials fresh = source.get();
                    c = Credentials.of(fresh.user(), fresh.password());
                    current = c;
                }
            }
        }
        return c;
    }

    public void refresh() {
        current = null;
    }
}
