package dev.cobranca.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Small helpers around PostgreSQL JDBC URLs. */
final class JdbcUrls {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private JdbcUrls() {
    }

    /** The same server and parameters, another database. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + masked(jdbcUrl));
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    static String masked(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    /** Opens a connection, turning "server not there" into an error that says how to start it. */
    static Connection connect(String jdbcUrl) {
        try {
            return DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            // 08xxx: connection exceptions (refused, unknown host, ...)
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new PostgresUnavailableException("PostgreSQL is not reachable at " + masked(jdbcUrl) + " ("
                        + e.getMessage() + "). Start it (on Debian/Ubuntu: `pg_ctlcluster --skip-systemctl-redirect "
                        + installedVersion() + " main start`) or point DATABASE_URL"
                        + " (tests: -Dcobranca.test.databaseUrl) at a running server.", e);
            }
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + masked(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL major version installed here, for the hint; {@code <version>} when unknown. */
    private static String installedVersion() {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return "<version>";
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(p -> p.getFileName().toString())
                    .filter(v -> v.matches("\\d+"))
                    .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                    .orElse("<version>");
        } catch (IOException e) {
            return "<version>";
        }
    }
}
