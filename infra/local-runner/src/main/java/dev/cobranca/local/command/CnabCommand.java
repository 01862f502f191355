package dev.cobranca.local.command;

import picocli.CommandLine.Command;

/** {@code cnab}: the group of the commands that read CNAB 240 files. */
@Command(name = "cnab", mixinStandardHelpOptions = true, description = "Read CNAB 240 files.",
        subcommands = CnabInspectCommand.class)
public final class CnabCommand {
}
