package dev.cobranca.local.command;

import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.RunnerException;
import dev.cobranca.local.Stack;
import dev.cobranca.local.client.Summary;
import dev.cobranca.local.client.UploadRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;

/** The options of the commands that start the stack, upload a file and follow it ({@code run}, {@code demo}). */
final class UploadOptions {
    @Mixin
    CommonOptions common;

    @Mixin
    StackCommandOptions stackOptions;

    @Mixin
    FollowOptions follow;

    /** Starts the stack, uploads the file, follows it and prints the summary; the exit code says whether it COMPLETED. */
    int uploadAndFollow(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RunnerException(ExitCodes.FILE_NOT_FOUND, "No such file: " + file.toAbsolutePath());
        }
        long t0 = System.nanoTime();
        try (Stack stack = Stack.start(stackOptions.toOptions(common, true))) {
            stack.emulators().smtp().keepInMemory(false); // the .eml files under the data dir are the record
            if (!stack.unavailable().isEmpty()) {
                throw new RunnerException(ExitCodes.FUNCTION_INIT_FAILED, "Cannot run an upload without every function: "
                        + stack.unavailable());
            }
            System.out.printf(Locale.ROOT, "Stack ready in %.1f s (API %s, data in %s)%n", (System.nanoTime() - t0) / 1e9,
                    stack.apiEndpoint(), stack.dataDir());
            UploadRun run = new UploadRun(stack.apiEndpoint(), stack.apiToken(), System.out);
            UploadRun.Outcome outcome = run.run(file, follow.timeout, follow.stall);
            // the loop closes at the bank: wait until it answered every title it was sent
            boolean answered = outcome.completed() && run.followBank(outcome.uploadId(), follow.stall, stack::bankSettled);
            Summary.print(System.out, stack.dataSource(), outcome.uploadId(), stack.dataDir(), stack.mainBucket());
            return outcome.completed() && answered ? ExitCodes.OK : ExitCodes.UPLOAD_FAILED;
        }
    }
}
