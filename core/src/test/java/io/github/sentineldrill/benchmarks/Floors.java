package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.Backend;
import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.Ping;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.docker.DockerImages;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What no topology can beat on this machine: the time one node takes to start and answer, and a few facts to print
 * beside the figures.
 *
 * @param localNode   median ms from starting one {@code redis-server} process to its answering PING
 * @param dockerNode  median ms from starting one container of the image to its port listening, NaN without Docker
 * @param redisVersion the {@code redis-server} on the PATH
 */
record Floors(double localNode, double dockerNode, String redisVersion) {

    private static final int RUNS = 5;

    static Floors measure(boolean docker) throws IOException, InterruptedException {
        return new Floors(startOneProcess(), docker ? startOneContainer() : Double.NaN, versionOnPath());
    }

    private static double startOneProcess() throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) {
            int port = LoopbackPorts.FREE.take(1).get(0);
            long begin = System.nanoTime();
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            try {
                long deadline = begin + Duration.ofSeconds(10).toNanos();
                while (!Ping.answers("127.0.0.1", port, Duration.ofMillis(500))) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("redis-server on port " + port + " did not answer within 10 s");
                    }
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                }
                if (i > 0) {
                    millis.add((System.nanoTime() - begin) / 1e6);
                }
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return Stats.of(millis).p50();
    }

    private static double startOneContainer() {
        String image = DockerImages.ensureAvailable(ClusterSpec.builder().backend(Backend.DOCKER).build(),
                Duration.ofSeconds(60));
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) {
            long begin = System.nanoTime();
            try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                    .withCommand("redis-server", "--save", "", "--appendonly", "no")
                    .withExposedPorts(6379)
                    .waitingFor(Wait.forListeningPort())) {
                container.start();
                if (i > 0) {
                    millis.add((System.nanoTime() - begin) / 1e6);
                }
            }
        }
        return Stats.of(millis).p50();
    }

    private static String versionOnPath() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        int v = output.indexOf("v=");
        return v < 0 ? output : output.substring(v + 2, output.indexOf(' ', v) < 0 ? output.length()
                : output.indexOf(' ', v));
    }

    /** The resident memory, in KiB, of every process whose command line names {@code topologyId} (LOCAL). */
    static double residentKib(String topologyId) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(topologyId)).orElse(false))
                .mapToLong(p -> vmRssKib(p.pid()))
                .sum();
    }

    private static long vmRssKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException gone) {
            return 0;
        }
    }
}
