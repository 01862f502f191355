package dev.cobranca.local.command;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--data-dir", defaultValue = ".cobranca", paramLabel = "DIR",
            description = "Where everything the stack writes goes: s3/ (objects as files), mail/ (.eml). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--template", paramLabel = "FILE", description = "The SAM template. Default: template.yaml here or in a parent directory.")
    Path template;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL to use (migrations are applied). Default: $DATABASE_URL or jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
    String databaseUrl;

    @Option(names = {"-v", "--verbose"}, description = "Log what the functions and emulators do.")
    boolean verbose;

    Path template() {
        if (template != null) {
            return template;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        return Path.of("template.yaml");
    }

    String databaseUrl() {
        if (databaseUrl != null) {
            return databaseUrl;
        }
        String env = System.getenv("DATABASE_URL");
        return env == null || env.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres" : env;
    }
}
