package dev.cobranca.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cobranca.api.ApiHandler;
import dev.cobranca.sample.SampleDebtGenerator;
import dev.cobranca.csvimport.CsvImportHandler;
import dev.cobranca.email.EmailHandler;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.emulators.SmtpEmulator;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.invoice.InvoiceHandler;
import dev.cobranca.testfixtures.LambdaEvents;
import dev.cobranca.testfixtures.Mails;
import dev.cobranca.testfixtures.SampleBeneficiary;
import dev.cobranca.testfixtures.Sql;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The end-to-end scenario on LocalStack (S3, SQS) and a PostgreSQL container, with the functions in this JVM: LocalStack
 * cannot run our Java Lambdas without Docker-in-Docker, so {@code localstack/init/ready.d/10-cobranca-resources.sh}
 * (the same hook docker compose mounts) sends the bucket's ObjectCreated notifications to S3EventsQueue, and this test
 * plays Lambda: it feeds each S3 event, through Lambda's serialization, to the import handler, and runs the invoice
 * and e-mail functions on their queues as the local runner does ({@link RunnerMappings}). The functions reach LocalStack through the standard {@code aws.endpointUrl}
 * setting only. SMTP is GreenMail, in this JVM.
 *
 * <p>Runs with {@code -Plocalstack}; skipped, saying why, where no Docker engine answers. LOCALSTACK_IMAGE picks the
 * image; LOCALSTACK_AUTH_TOKEN is passed on when set (current LocalStack images need it).
 */
@EnabledIf(value = "dockerAvailable", disabledReason = LocalStackPipelineIT.NO_DOCKER)
class LocalStackPipelineIT {

    static final String NO_DOCKER = "LocalStackPipelineIT skipped: no Docker engine answers (Testcontainers found no "
            + "Docker environment), and it needs one to run LocalStack and PostgreSQL.";
    /** A 4.x community tag; newer images need LOCALSTACK_AUTH_TOKEN. */
    static final String DEFAULT_IMAGE = "localstack/localstack:4.4";
    /** What the init hook creates when COBRANCA_BUCKET is not set: the bucket a stack named "cobranca" would have. */
    static final String BUCKET = "cobranca-000000000000-uploads";
    private static final String HOOK = "localstack/init/ready.d/10-cobranca-resources.sh";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SDK_PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlS3", "aws.endpointUrlSqs",
            "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

    // Made and started in start(), not as @Container fields: LocalStackContainer's constructor already needs Docker,
    // and a class that cannot even load would fail instead of being skipped.
    static LocalStackContainer localstack;
    static PostgreSQLContainer postgres;

    @TempDir
    static Path files;

    static SmtpEmulator smtp;
    static TestDatabase db;
    static S3Client s3;
    static SqsClient sqs;
    private static final Map<String, String> savedProperties = new HashMap<>();

    static boolean dockerAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available) {
            System.out.println(NO_DOCKER);
        }
        return available;
    }

    private static LocalStackContainer localStack() {
        String image = System.getenv().getOrDefault("LOCALSTACK_IMAGE", DEFAULT_IMAGE);
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("s3", "sqs")
                .withCopyFileToContainer(MountableFile.forHostPath(projectRoot().resolve(HOOK), 0755),
                        "/etc/localstack/init/ready.d/10-cobranca-resources.sh");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        return container;
    }

    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @BeforeAll
    static void start() throws Exception {
        localstack = localStack();
        postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:15"));
        localstack.start();
        postgres.start();
        awaitInitHook();
        smtp = SmtpEmulator.start();
        db = TestDatabase.create("jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432)
                + "/postgres?user=" + postgres.getUsername() + "&password=" + postgres.getPassword());
        // The functions find LocalStack the standard way. The per-service forms win over aws.endpointUrl, and the
        // runner's tests in this JVM set them: clear them while this test runs.
        for (String p : SDK_PROPERTIES) {
            savedProperties.put(p, System.getProperty(p));
            System.clearProperty(p);
        }
        System.setProperty("aws.endpointUrl", localstack.getEndpoint().toString());
        System.setProperty("aws.region", localstack.getRegion());
        System.setProperty("aws.accessKeyId", localstack.getAccessKey());
        System.setProperty("aws.secretAccessKey", localstack.getSecretKey());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
        s3 = S3Client.builder().endpointOverride(localstack.getEndpoint()).region(Region.of(localstack.getRegion()))
                .credentialsProvider(credentials).forcePathStyle(true).build();
        sqs = SqsClient.builder().endpointOverride(localstack.getEndpoint()).region(Region.of(localstack.getRegion()))
                .credentialsProvider(credentials).build();
    }

    /** The container is up before its ready.d hooks ran: wait for them, and fail on a hook that failed. */
    private static void awaitInitHook() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI status = localstack.getEndpoint().resolve("/_localstack/init/ready");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (last != null && last.path("completed").asBoolean()) {
                for (JsonNode script : last.path("scripts")) {
                    assertThat(script.path("state").asText()).as("init hook %s; LocalStack logs:%n%s", script,
                            localstack.getLogs()).isEqualTo("SUCCESSFUL");
                }
                assertThat(last.path("scripts").toString()).contains("10-cobranca-resources.sh");
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("LocalStack init hooks not done within 2 minutes: " + last + "\n" + localstack.getLogs());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {s3, sqs, db, smtp, postgres, localstack}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing the others
                }
            }
        }
        savedProperties.forEach((p, v) -> {
            if (v == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, v);
            }
        });
    }

    @Test
    void clientUpload_shouldCompleteWithOneEmailPerCharge() throws Exception {
        Path file = files.resolve("debts.csv");
        SampleDebtGenerator.write(file, 200, 21, 2);
        Map<String, String> env = environment();
        ApiHandler api = new ApiHandler(env);
        CsvImportHandler importer = new CsvImportHandler(env);

        // the client: an upload URL from the API, then the file PUT to LocalStack with it
        APIGatewayV2HTTPResponse created = api.handleRequest(createUploadEvent(file), null);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        JsonNode upload = JSON.readTree(created.getBody());
        String uploadId = upload.path("uploadId").asText();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.path("uploadUrl").asText()))
                .method("PUT", HttpRequest.BodyPublishers.ofFile(file));
        upload.path("headers").properties().forEach(h -> {
            if (!Set.of("content-length", "host").contains(h.getKey().toLowerCase(Locale.ROOT))) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        assertThat(HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        // S3 -> S3EventsQueue -> the import function, as Lambda would hand it the event
        String eventsQueue = sqs.getQueueUrl(b -> b.queueName("S3EventsQueue")).queueUrl();
        CsvImportHandler.Result imported = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (imported == null && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(eventsQueue).waitTimeSeconds(5).maxNumberOfMessages(10)).messages()) {
                // S3 sends an s3:TestEvent when the notification is configured: not an object, and Lambda never sees it
                if (JSON.readTree(m.body()).has("Records")) {
                    S3Event event = LambdaEvents.fromJson(m.body(), S3Event.class);
                    imported = importer.handleRequest(event, null);
                }
                sqs.deleteMessage(b -> b.queueUrl(eventsQueue).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(imported).as("the S3 event of uploads/%s.csv on S3EventsQueue", uploadId).isNotNull();
        assertThat(imported.imports()).singleElement().satisfies(r -> assertThat(r.uploadId().toString()).isEqualTo(uploadId));
        long accepted = imported.imports().getFirst().rows().accepted();
        assertThat(accepted).isBetween(190L, 199L);

        // the invoice and e-mail functions, as their SQS event-source mappings drive them
        String invoiceQueue = sqs.getQueueUrl(b -> b.queueName("InvoiceQueue")).queueUrl();
        String emailQueue = sqs.getQueueUrl(b -> b.queueName("EmailQueue")).queueUrl();
        try (RunnerMappings mappings = new RunnerMappings(sqs, localstack.getRegion())) {
            mappings.start(new RunnerMappings.Mapping("InvoiceFunction", InvoiceHandler.class, env, 120, invoiceQueue,
                            arn(invoiceQueue), 2), 2, false)
                    .start(new RunnerMappings.Mapping("EmailFunction", EmailHandler.class, env, 120, emailQueue,
                            arn(emailQueue), 10), 2, false)
                    .awaitDrained(Duration.ofMinutes(3));
        }

        assertThat(query("select status from uploads where id = '" + uploadId + "'")).isEqualTo("COMPLETED");
        assertThat(query("select count(*) from charges where status = 'EMAILED'")).isEqualTo(Long.toString(accepted));
        MimeMessage[] received = smtp.receivedMessages();
        assertThat(received).hasSize((int) accepted);
        Set<String> debtIds = new HashSet<>();
        for (MimeMessage message : received) {
            String debtId = message.getHeader(SmtpMailer.REFERENCE_HEADER, null);
            assertThat(debtIds.add(debtId)).as("one e-mail for %s", debtId).isTrue();
            assertThat(Mails.attachment(message)).isEqualTo(
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("invoices/" + debtId + ".pdf")).asByteArray());
        }
    }

    /** What template.yaml gives the functions, with LocalStack's resources (made by the init hook) and this machine's. */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("BUCKET_NAME", BUCKET);
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("WEBHOOK_SECRET", "localstack-webhook-secret-0123456789"); // Secrets Manager's part
        env.put("INVOICE_QUEUE_URL", sqs.getQueueUrl(b -> b.queueName("InvoiceQueue")).queueUrl());
        env.put("EMAIL_QUEUE_URL", sqs.getQueueUrl(b -> b.queueName("EmailQueue")).queueUrl());
        env.putAll(SampleBeneficiary.env());
        env.put("SMTP_HOST", smtp.host());
        env.put("SMTP_PORT", Integer.toString(smtp.port()));
        env.put("SMTP_STARTTLS", "false");
        env.put("MAIL_FROM", "cobranca@example.com");
        return env;
    }

    /** events/api/http-create-upload.json with this file's name and length, through Lambda's serialization. */
    private static APIGatewayV2HTTPEvent createUploadEvent(Path file) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(LambdaEvents.json("api/http-create-upload.json"));
        String body = JSON.createObjectNode().put("fileName", file.getFileName().toString()).put("contentLength", Files.size(file)).toString();
        event.put("body", body);
        ((ObjectNode) event.path("headers")).put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        return LambdaEvents.fromJson(event.toString(), APIGatewayV2HTTPEvent.class);
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
    }

    private static String query(String sql) throws Exception {
        return new Sql(db.dataSource()).string(sql);
    }
}
