package dev.cobranca.local.command;

import dev.cobranca.core.bank.CnabFormatException;
import dev.cobranca.core.bank.CnabInspector;
import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.RunnerException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cnab inspect FILE}: a remessa or a retorno as one JSON object per title. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a CNAB 240 remessa or retorno as one JSON object per title; fail with the line and reason on a malformed file.")
public final class CnabInspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A remessa (.rem) or a retorno (.ret).")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "No such file: " + file.toAbsolutePath());
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(file)) {
            new CnabInspector().inspect(in, out);
            out.flush();
            return ExitCodes.OK;
        } catch (CnabFormatException e) {
            out.flush();
            throw new RunnerException(ExitCodes.MALFORMED_EVENT, file + ": line " + e.line() + ": " + e.reason(), e);
        }
    }
}
