package dev.cobranca.local;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner's end-to-end tests share: each test starts its own {@link RunningStack} on a data directory of its
 * own (the options differ from test to test), and it is stopped after the test whatever happened; {@code files} holds
 * the test's input files.
 */
abstract class StackPerTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    RunningStack stack;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }
}
