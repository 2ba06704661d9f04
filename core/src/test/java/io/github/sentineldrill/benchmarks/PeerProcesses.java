package io.github.sentineldrill.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The {@code redis-server} processes of a peer setup, in a directory of its own; closing kills them and deletes it. */
final class PeerProcesses implements AutoCloseable {

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();

    PeerProcesses(String prefix) throws IOException {
        this.directory = Files.createTempDirectory(prefix);
    }

    Path directory() {
        return directory;
    }

    /** Starts {@code command}, its output into {@code log}. */
    void start(List<String> command, Path log) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
