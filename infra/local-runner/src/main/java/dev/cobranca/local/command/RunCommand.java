package dev.cobranca.local.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: one CSV through the whole stack, as a client would send it, followed to the bank's answer. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the stack, upload a CSV through the API and the presigned URL, follow it to the end and "
                + "print a summary. Exits 0 when the upload COMPLETED.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    UploadOptions upload;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "CSV", description = "The CSV file to upload.")
    Path file;

    @Override
    public Integer call() {
        return upload.uploadAndFollow(file);
    }
}
