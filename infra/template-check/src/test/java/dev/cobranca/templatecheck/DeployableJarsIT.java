package dev.cobranca.templatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each jar that template.yaml deploys, as Lambda loads it: alone on a class loader of its own, its handler built
 * from the template's environment. A jar that lacks a class it needs fails here, not in production; a jar that
 * carries what only the runner, the tests or the migration function may carry fails too.
 */
class DeployableJarsIT {

    @BeforeAll
    static void region() {
        // what Lambda sets; the SDK reads it when building a client
        System.setProperty("aws.region", "us-east-1");
    }

    @Test
    void everyFunctionsJarShouldBuildItsHandlerOnItsOwn() throws Exception {
        StringBuilder sizes = new StringBuilder();
        StringBuilder missingBundle = new StringBuilder();
        for (String id : TemplateTest.functions()) {
            Path jar = jar(id);
            String handler = (String) T().properties(id).get("Handler");
            String className = handler.substring(0, handler.indexOf("::"));
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            try (URLClassLoader alone = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                // as in Lambda, the jar's loader is the context loader too (JDBC and the SDK find their services through it)
                Thread.currentThread().setContextClassLoader(alone);
                registerJdbcDriver(alone);
                Class<?> type = Class.forName(className, true, alone);
                Constructor<?> fromEnv = type.getConstructor(Map.class);
                Map<String, String> env = environment(id);
                if (alone.getResource("rds-ca/global-bundle.pem") == null) {
                    // the RDS CA bundle is packaged only by scripts/fetch-rds-ca-bundle.sh before a deploy build; this
                    // test is about the jar's classes, so the JDK's CAs stand in for it
                    env.put("DATABASE_SSL_ROOT_CERT", "system");
                    missingBundle.append(' ').append(id);
                }
                Object built = fromEnv.newInstance(env);
                assertThat(built).as(id).isNotNull();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new AssertionError(id + ": " + jar.getFileName() + " cannot build " + className + " on its own: " + rootCause(e), e);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
            sizes.append(String.format(Locale.ROOT, "%n  %-20s %5.1f MB", id, Files.size(jar) / 1e6));
        }
        System.out.println("deployable jars:" + sizes);
        if (!missingBundle.isEmpty()) {
            System.out.println("without the RDS CA bundle (run scripts/fetch-rds-ca-bundle.sh before building jars to deploy):"
                    + missingBundle);
        }
    }

    @Test
    void onlyTheMigrationFunctionShouldCarryFlyway_andNoJarTheRunnersOrTestsCode() throws IOException {
        for (String id : TemplateTest.functions()) {
            List<String> entries;
            try (JarFile jar = new JarFile(jar(id).toFile())) {
                entries = jar.stream().map(e -> e.getName()).toList();
            }
            assertThat(entries).as(id).noneMatch(e -> e.startsWith("dev/cobranca/emulators/") || e.startsWith("dev/cobranca/local/")
                    || e.startsWith("dev/cobranca/sample/") || e.startsWith("dev/cobranca/testfixtures/") || e.startsWith("events/")
                    || e.startsWith("org/gaul/") || e.startsWith("org/elasticmq/")
                    || e.startsWith("com/icegreen/"));
            if (id.equals("MigrationFunction")) {
                assertThat(entries).as(id).anyMatch(e -> e.startsWith("org/flywaydb/")).anyMatch(e -> e.startsWith("db/migration/V1__"));
            } else {
                assertThat(entries).as(id).noneMatch(e -> e.startsWith("org/flywaydb/") || e.startsWith("db/migration/"));
            }
        }
    }

    private static Template T() {
        return TemplateTest.T;
    }

    private static Path jar(String id) {
        Path jar = T().root().resolve((String) T().properties(id).get("CodeUri"));
        assertThat(jar).as(id + " CodeUri (built by ./mvnw verify before this test)").isRegularFile();
        return jar;
    }

    /**
     * The template's environment with what CloudFormation would resolve. Secrets are not fetched (a network call):
     * where a function needs one at init, its local stand-in is set instead.
     */
    private static Map<String, String> environment(String id) {
        Map<String, String> env = new HashMap<>();
        T().environment(id).forEach((k, v) -> {
            if (k.equals("WEBHOOK_SECRET_ARN")) {
                env.put("WEBHOOK_SECRET", "jar-test-webhook-key-not-a-secret");
            } else if (!k.endsWith("_SECRET_ARN")) {
                env.put(k, TemplateTest.placeholder(v));
            }
        });
        return env;
    }

    /**
     * DriverManager loads drivers through ServiceLoader once per JVM, from the first jar here; Lambda runs one jar per
     * JVM. Loading the jar's own driver class registers it, as that first lookup would have.
     */
    private static void registerJdbcDriver(ClassLoader jar) {
        try {
            Class.forName("org.postgresql.Driver", true, jar);
        } catch (ClassNotFoundException e) {
            // a jar without a database: nothing to register
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
