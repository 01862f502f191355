package dev.cobranca.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.testfixtures.LambdaEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MigrationFunction as CloudFormation drives it: the sample events of events/migration, read through Lambda's
 * serialization, against an empty PostgreSQL database; the answer is PUT to a real HTTP server standing in for
 * the presigned response URL.
 */
class MigrationFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger answerStatus = new AtomicInteger(200);
    private HttpServer cloudFormation;
    private TestDatabase database;

    @BeforeEach
    void start() throws IOException {
        database = TestDatabase.empty();
        cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudFormation.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if ("PUT".equals(exchange.getRequestMethod()) && exchange.getRequestHeaders().getFirst("Content-Type") == null) {
                    answers.add(JSON.readTree(body));
                }
            }
            exchange.sendResponseHeaders(answerStatus.get(), -1);
            exchange.close();
        });
        cloudFormation.start();
    }

    @AfterEach
    void stop() {
        cloudFormation.stop(0);
        database.close();
    }

    @Test
    void createMigratesAnEmptyDatabaseAndAnswersSuccess() throws Exception {
        String result = handler().handleRequest(event("cloudformation-create.json"), null);

        assertThat(result).startsWith("SUCCESS: applied ");
        assertThat(tables()).contains("uploads", "charges", "flyway_schema_history");
        JsonNode answer = onlyAnswer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo(MigrationService.PHYSICAL_ID);
        assertThat(answer.path("RequestId").asText()).isEqualTo("3f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c36");
        assertThat(answer.path("LogicalResourceId").asText()).isEqualTo("SchemaMigration");
        assertThat(answer.path("StackId").asText()).startsWith("arn:aws:cloudformation:");
        assertThat(answer.path("Data").path("Applied").asInt()).isPositive();
        assertThat(answer.path("Data").path("SchemaVersion").asText()).isEqualTo(latestMigrationVersion());
    }

    @Test
    void aSecondDeployAppliesNothingAndStillSucceeds() throws Exception {
        handler().handleRequest(event("cloudformation-create.json"), null);
        answers.clear();

        String result = handler().handleRequest(event("cloudformation-update.json"), null);

        assertThat(result).isEqualTo("SUCCESS: applied 0 migration(s); schema at version " + latestMigrationVersion());
        assertThat(onlyAnswer().path("PhysicalResourceId").asText()).as("same id: no replacement, no Delete").isEqualTo(MigrationService.PHYSICAL_ID);
    }

    @Test
    void aDatabaseFlywayRefusesFailsTheDeployWithFlywaysMessage() throws Exception {
        sql("create table charges (debt_id text)"); // the wrong database: tables, but no migration history

        String result = handler().handleRequest(event("cloudformation-create.json"), null);

        assertThat(result).startsWith("FAILED: ");
        JsonNode answer = onlyAnswer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("non-empty schema(s) \"public\" but no schema history table");
        assertThat(count("select count(*) from information_schema.tables where table_name = 'uploads'")).as("nothing applied").isZero();
    }

    @Test
    void aMigrationEditedAfterItRanFailsTheDeploy() throws Exception {
        handler().handleRequest(event("cloudformation-create.json"), null);
        sql("update flyway_schema_history set checksum = 12345 where version = '1'");
        answers.clear();

        String result = handler().handleRequest(event("cloudformation-update.json"), null);

        assertThat(result).startsWith("FAILED: ");
        assertThat(onlyAnswer().path("Reason").asText()).contains("checksum mismatch for migration version 1");
    }

    @Test
    void deleteKeepsTheSchemaAndItsData() throws Exception {
        handler().handleRequest(event("cloudformation-create.json"), null);
        sql("insert into uploads (id, bucket, object_key) values ('6f1c2a9e-3b7d-4c1e-9a55-2f0e8d4b7c31', 'b', 'uploads/x.csv')");
        answers.clear();

        handler().handleRequest(event("cloudformation-delete.json"), null);

        assertThat(onlyAnswer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(count("select count(*) from uploads")).isEqualTo(1);
    }

    @Test
    void anUndeliveredAnswerFailsTheInvocationSoLambdaRetriesIt() {
        answerStatus.set(403);

        assertThatThrownBy(() -> handler().handleRequest(event("cloudformation-create.json"), null))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("403");
    }

    /** Built as Lambda builds it: the environment, the composition root, its own pool. */
    private MigrationHandler handler() {
        return new MigrationHandler(java.util.Map.of("DATABASE_URL", database.jdbcUrl()));
    }

    private CloudFormationCustomResourceEvent event(String name) {
        CloudFormationCustomResourceEvent event = LambdaEvents.load("migration/" + name, CloudFormationCustomResourceEvent.class);
        event.setResponseUrl("http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/response?X-Amz-Signature=abc");
        return event;
    }

    private JsonNode onlyAnswer() {
        assertThat(answers).hasSize(1);
        return answers.getFirst();
    }

    private static String latestMigrationVersion() throws IOException {
        try (var files = Files.list(Path.of("../../infra/migrations"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max(Integer::compare).map(String::valueOf).orElseThrow();
        }
    }

    private List<String> tables() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
