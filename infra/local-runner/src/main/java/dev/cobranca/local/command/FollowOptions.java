package dev.cobranca.local.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that upload a file and follow it. */
final class FollowOptions {
    @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--stall-timeout", defaultValue = "PT2M",
            description = "Give up when nothing moved for this long (ISO-8601). Default: ${DEFAULT-VALUE}")
    Duration stall;
}
