package dev.cobranca.testfixtures;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used so far, for benchmarks that say where a phase's time went: this JVM's, and PostgreSQL's (rough, Linux only,
 * from /proc: every postgres process alive, with what its ended children used).
 */
public final class Cpu {

    private Cpu() {
    }

    /** This JVM's CPU time in nanoseconds. */
    public static long selfNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU ticks (1/100 s) of the postgres processes alive; 0 where /proc cannot be read. */
    public static long postgresTicks() {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime, stime, then cutime, cstime: backends that ended
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
    }
}
