package dev.cobranca.testfixtures;

import dev.cobranca.emulators.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated PostgreSQL database for each test ({@link TestDatabase}), dropped after it. Register it on an
 * instance field: {@code @RegisterExtension final FreshDatabase db = new FreshDatabase();}; it is there before the
 * test class's own {@code @BeforeEach} methods run.
 */
public final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {

    private TestDatabase database;
    private Sql sql;

    @Override
    public void beforeEach(ExtensionContext context) {
        database = TestDatabase.create();
        sql = new Sql(database.dataSource());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public String jdbcUrl() {
        return require().jdbcUrl();
    }

    public DataSource dataSource() {
        return require().dataSource();
    }

    /** Statements and single values on this database. */
    public Sql sql() {
        require();
        return sql;
    }

    private TestDatabase require() {
        if (database == null) {
            throw new IllegalStateException("no database outside a test: register FreshDatabase on an instance field");
        }
        return database;
    }
}
