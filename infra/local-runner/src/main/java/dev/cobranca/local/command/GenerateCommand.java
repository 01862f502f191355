package dev.cobranca.local.command;

import dev.cobranca.local.ExitCodes;
import dev.cobranca.sample.SampleDebtGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: a sample CSV, reproducible from its seed. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a sample CSV.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "Data rows to write.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CSV.")
    Path out;

    @Option(names = "--dirty", defaultValue = "0", description = "Percentage of rows that break a rule. Default: ${DEFAULT-VALUE}")
    double dirty;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same file. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--data-dir", hidden = true, description = "Accepted for symmetry; generate writes only --out.")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        if (rows < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rows must be 0 or more");
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        long t0 = System.nanoTime();
        try {
            SampleDebtGenerator.write(out, rows, seed, dirty);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        System.out.printf(Locale.ROOT, "Wrote %d rows (%s) to %s in %.1f s%n", rows, size(Files.size(out)), out,
                (System.nanoTime() - t0) / 1e9);
        return ExitCodes.OK;
    }

    private static String size(long n) {
        return n < 1024 * 1024 ? n / 1024 + " KiB" : String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
