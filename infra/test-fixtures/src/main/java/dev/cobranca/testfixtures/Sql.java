package dev.cobranca.testfixtures;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A test's direct look at the database: statements to arrange a state, and single values to assert on. */
public final class Sql {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row as text; null when there is no row. */
    public String string(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The first column of the first row as a number (a count). */
    public long number(String sql) throws SQLException {
        String value = string(sql);
        if (value == null) {
            throw new AssertionError("no row for: " + sql);
        }
        return Long.parseLong(value);
    }
}
