package dev.cobranca.testfixtures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A benchmark's measured phase runs in a JVM of its own (its heap limit is the figure's condition); the child prints
 * its output, which is echoed indented, and one line {@code RESULT <a> <rest>} with what it measured.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Echoes the child's output until it ends, and answers its RESULT line split in two; fails if it failed. */
    public static String[] result(ProcessBuilder child, String what) throws IOException, InterruptedException {
        Process p = child.start();
        String[] result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  | " + line);
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7).split(" ", 2);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + ")");
        }
        return result;
    }
}
