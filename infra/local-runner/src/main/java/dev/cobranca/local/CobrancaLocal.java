package dev.cobranca.local;

import dev.cobranca.local.command.CnabCommand;
import dev.cobranca.local.command.DemoCommand;
import dev.cobranca.local.command.GenerateCommand;
import dev.cobranca.local.command.InvokeCommand;
import dev.cobranca.local.command.MigrateCommand;
import dev.cobranca.local.command.RunCommand;
import dev.cobranca.local.command.ServeCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar cobranca-local.jar <command>}: the whole application on one machine, no Docker, no AWS. */
@Command(name = "cobranca-local", mixinStandardHelpOptions = true, version = "cobranca-local 0.1.0",
        description = "Runs Cobrança's functions in one JVM against S3 (S3Proxy), SQS (ElasticMQ), SMTP (GreenMail) "
                + "and a real PostgreSQL, wired as template.yaml wires them on AWS.",
        subcommands = {ServeCommand.class, RunCommand.class, DemoCommand.class, InvokeCommand.class,
            GenerateCommand.class, MigrateCommand.class, CnabCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (run/demo: the upload COMPLETED)",
            "1:the upload FAILED, stalled or timed out; or the invoked function failed",
            "2:bad command line",
            "3:PostgreSQL unreachable",
            "4:a port is already in use",
            "5:file not found",
            "6:unknown function id",
            "7:malformed event file (cnab inspect: malformed CNAB file)",
            "8:template.yaml missing or not understood",
            "9:a function failed to initialise",
            "10:a migration failed (migrate)"})
public final class CobrancaLocal {

    private CobrancaLocal() {
    }

    public static void main(String[] args) {
        tuneSharedJvm();
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Settings for what is one JVM here and many on AWS, made before anything reads them. The JDK keeps at most 5 idle
     * HTTP connections per host: with every function's environments talking to one S3 emulator that would open (and
     * leave in TIME_WAIT) a connection for most requests. Jakarta Mail looks its StreamProvider up through ServiceLoader
     * for every MIME part unless it is named, which GreenMail also pays for every e-mail it receives.
     */
    static void tuneSharedJvm() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** Runs a command line; returns the exit code (for tests). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        configureLogging(args);
        CommandLine cli = new CommandLine(CobrancaLocal.class);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof RunnerException r) {
                commandLine.getErr().println("cobranca-local: " + r.getMessage());
                return r.exitCode();
            }
            commandLine.getErr().println("cobranca-local: unexpected failure: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }

    /** slf4j-simple reads its settings once, at the first logger: set them before anything logs. */
    private static void configureLogging(String[] args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
        if (verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.dev.cobranca", "info");
        }
    }
}
