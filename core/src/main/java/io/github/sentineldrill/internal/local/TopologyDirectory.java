package io.github.sentineldrill.internal.local;

import io.github.sentineldrill.internal.ProcessOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory of one LOCAL topology, under a per-user base directory, with an {@code owner} file that names the JVM
 * that made it. {@link #sweepLeftovers()} removes directories (and kills processes) of JVMs that are gone.
 */
final class TopologyDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyDirectory.class);
    static final String BASE_PROPERTY = "sentinel-drill.local.dir";
    private static final String OWNER_FILE = "owner";
    private static final Duration CREATION_GRACE = Duration.ofMinutes(1);

    private TopologyDirectory() {
    }

    static Path base() {
        String configured = System.getProperty(BASE_PROPERTY, "");
        return configured.isBlank()
                ? Paths.get(System.getProperty("java.io.tmpdir"), "sentinel-drill-" + System.getProperty("user.name"))
                : Paths.get(configured);
    }

    /** Creates a new, unique topology directory owned by this JVM. */
    static Path create() throws IOException {
        Path base = Files.createDirectories(base());
        Path dir = Files.createTempDirectory(base, "topology-");
        Files.writeString(dir.resolve(OWNER_FILE), ProcessOwner.current() + "\n", StandardCharsets.US_ASCII);
        return dir.toRealPath();
    }

    /** Kills the processes of topologies whose JVM has died, and removes their directories. Never throws. */
    static void sweepLeftovers() {
        Path base = base();
        if (!Files.isDirectory(base)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, "topology-*")) {
            for (Path dir : dirs) {
                if (isAbandoned(dir)) {
                    int killed = killProcessesOf(dir);
                    deleteRecursively(dir);
                    LOG.info("Removed leftover topology {} of a JVM that is gone ({} processes killed)", dir, killed);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not sweep leftover topologies in {}: {}", base, e.getMessage());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    /** SIGKILLs every process whose command line names a path inside {@code dir}. */
    static int killProcessesOf(Path dir) {
        String marker = dir.toString() + "/";
        int[] killed = {0};
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    killed[0]++;
                });
        return killed[0];
    }

    private static boolean isAbandoned(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
            // Being created right now by another JVM, or broken long ago.
            return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(CREATION_GRACE));
        }
        return ProcessOwner.isGone(Files.readString(owner, StandardCharsets.US_ASCII));
    }
}
