package dev.cobranca.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory for one import's sorted runs and rejected rows, deleted on close. Lambda keeps {@code /tmp}
 * between invocations of a warm sandbox, so directories left by a process that is gone (a timeout restarts the
 * runtime) are swept when a new one is made; the name carries the owning process and its start time for that.
 */
final class ImportWorkspace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportWorkspace.class);
    private static final String PREFIX = "cobranca-import-";
    private static final ProcessHandle SELF = ProcessHandle.current();
    private static final String OWNER = SELF.pid() + "-" + startMillis(SELF).orElse(0L);

    private final Path dir;

    private ImportWorkspace(Path dir) {
        this.dir = dir;
    }

    static ImportWorkspace create(UUID uploadId) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        sweep(root);
        try {
            return new ImportWorkspace(Files.createTempDirectory(root, PREFIX + OWNER + "-" + uploadId + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + root, e);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static void sweep(Path root) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path d : dirs) {
                String[] parts = d.getFileName().toString().substring(PREFIX.length()).split("-", 3);
                if (parts.length == 3 && !alive(parts[0], parts[1])) {
                    LOG.info("removing {}, left by a process that ended", d.getFileName());
                    delete(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sweep old import directories in {}", root, e);
        }
    }

    private static boolean alive(String pid, String started) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .map(p -> startMillis(p).map(s -> s.toString().equals(started)).orElse(true))
                    .orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    private static void delete(Path d) {
        try (Stream<Path> paths = Files.walk(d)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete {}", d, e);
        }
    }
}
