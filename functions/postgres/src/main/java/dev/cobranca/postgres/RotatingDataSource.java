package dev.cobranca.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool whose password may rotate under it (Secrets Manager rotation): when PostgreSQL refuses the credentials
 * (SQLSTATE 28P01/28000) it reads the secret again and tries once more, instead of failing every request until
 * the execution environment is recycled.
 */
public final class RotatingDataSource extends HikariDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingDataSource.class);

    private final RotatingCredentials credentials;

    RotatingDataSource(HikariConfig config, RotatingCredentials credentials) {
        super(config);
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return super.getConnection();
        } catch (SQLException e) {
            if (!authenticationFailed(e)) {
                throw e;
            }
            LOG.warn("PostgreSQL refused the credentials ({}): reading the secret again", e.getSQLState());
            refreshCredentials();
            return super.getConnection();
        }
    }

    /** The next connections read the credentials again; open ones close as they are returned. */
    public void refreshCredentials() {
        credentials.refresh();
        HikariPoolMXBean pool = getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    static boolean authenticationFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().equals("28P01") || s.getSQLState().equals("28000"))) {
                return true;
            }
        }
        return false;
    }
}
