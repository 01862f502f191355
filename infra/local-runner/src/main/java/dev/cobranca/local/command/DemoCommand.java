package dev.cobranca.local.command;

import dev.cobranca.sample.SampleDebtGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: {@code run} with a freshly generated sample CSV. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a sample CSV of N rows (some of them dirty), then `run` it.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    UploadOptions upload;

    @Option(names = "--rows", defaultValue = "1000", description = "Rows to generate. Default: ${DEFAULT-VALUE}")
    long rows;

    @Option(names = "--dirty", defaultValue = "2", description = "Percentage of rows that break a rule. Default: ${DEFAULT-VALUE}")
    double dirty;

    @Option(names = "--seed", description = "Random seed (default: a new one each run, so debtIds are new).")
    Long seed;

    @Override
    public Integer call() throws IOException {
        Path dataDir = upload.common.dataDir;
        Files.createDirectories(dataDir);
        long s = seed != null ? seed : System.nanoTime();
        Path file = dataDir.resolve("demo-" + rows + "-" + Long.toHexString(s) + ".csv");
        SampleDebtGenerator.write(file, rows, s, dirty, true); // with the payer's address, for the remessa
        System.out.println("Generated " + rows + " rows (" + dirty + "% dirty, seed " + s + ") in " + file);
        return upload.uploadAndFollow(file);
    }
}
