package dev.cobranca.local.command;

import dev.cobranca.local.ExitCodes;
import dev.cobranca.local.Stack;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: the stack up until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the stack and stay up (Ctrl-C stops it); prints every URL.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    StackCommandOptions stackOptions;

    @Override
    public Integer call() throws InterruptedException {
        long t0 = System.nanoTime();
        Stack stack = Stack.start(stackOptions.toOptions(common, true));
        stack.emulators().smtp().keepInMemory(false); // the .eml files under the data dir are the record
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }));
        stack.describe(System.out);
        System.out.printf(Locale.ROOT, "Ready in %.1f s. Ctrl-C to stop.%n", (System.nanoTime() - t0) / 1e9);
        stopped.await();
        return ExitCodes.OK;
    }
}
