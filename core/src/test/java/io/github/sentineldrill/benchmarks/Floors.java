package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.resp.RespConnection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What no topology can beat on this machine. */
final class Floors {

    private Floors() {
    }

    /**
     * Milliseconds the Docker engine takes to start {@code containers} containers of the image at once
     * ({@code docker run -d} each, in parallel), after a warm-up: what no DOCKER topology of that many nodes can beat.
     */
    static List<Double> containersAtOnce(int containers, int count) throws IOException, InterruptedException {
        return containersAtOnce(containers, count, 0);
    }

    /**
     * As {@link #containersAtOnce(int, int)}, with what a topology asks of the engine besides: a network of its own,
     * created first and timed with the containers, and {@code publishedPorts} loopback ports published by each
     * container (a cluster node publishes its port and its bus port), each of which the engine serves with a proxy.
     */
    static List<Double> containersAtOnce(int containers, int count, int publishedPorts)
            throws IOException, InterruptedException {
        String image = System.getProperty("sentinel-drill.image",
                System.getenv().getOrDefault("SENTINEL_DRILL_IMAGE", "redis:7.2"));
        String label = "io.github.sentineldrill.benchmark=" + ProcessHandle.current().pid();
        String network = "sentinel-drill-floor-" + ProcessHandle.current().pid();
        List<Double> millis = new ArrayList<>();
        try {
            for (int i = 0; i <= count; i++) {
                long begin = System.nanoTime();
                List<String> options = new ArrayList<>(List.of("--label", label));
                if (publishedPorts > 0) {
                    docker("docker", "network", "create", "--label", label, network);
                    options.addAll(List.of("--network", network));
                    for (int p = 0; p < publishedPorts; p++) {
                        options.addAll(List.of("-p", "127.0.0.1::" + (6379 + 10000 * p)));
                    }
                }
                List<Process> runs = new ArrayList<>();
                for (int c = 0; c < containers; c++) {
                    List<String> run = new ArrayList<>(List.of("docker", "run", "-d"));
                    run.addAll(options);
                    run.addAll(List.of(image, "redis-server", "--save", ""));
                    runs.add(new ProcessBuilder(run).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectErrorStream(true).start());
                }
                for (Process run : runs) {
                    if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                        throw new IOException("docker run -d " + image + " failed");
                    }
                }
                if (i > 0) {
                    millis.add((System.nanoTime() - begin) / 1e6);
                }
                removeLabelled(label);
            }
        } finally {
            removeLabelled(label);
        }
        return millis;
    }

    private static void docker(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    /** Removes the containers, then the networks, with {@code label}. */
    private static void removeLabelled(String label) throws IOException, InterruptedException {
        removeListed(label, List.of("docker", "ps", "-aq"), List.of("docker", "rm", "-f"));
        removeListed(label, List.of("docker", "network", "ls", "-q"), List.of("docker", "network", "rm"));
    }

    private static void removeListed(String label, List<String> listCommand, List<String> removeCommand)
            throws IOException, InterruptedException {
        List<String> listing = new ArrayList<>(listCommand);
        listing.addAll(List.of("--filter", "label=" + label));
        Process list = new ProcessBuilder(listing).redirectErrorStream(true).start();
        List<String> ids = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank()).toList();
        list.waitFor(30, TimeUnit.SECONDS);
        if (!ids.isEmpty()) {
            List<String> remove = new ArrayList<>(removeCommand);
            remove.addAll(ids);
            new ProcessBuilder(remove).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true)
                    .start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Milliseconds from starting one {@code redis-server} (of the PATH) to its answering PING, after a warm-up. */
    static List<Double> oneProcess(int count) throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            int port = LoopbackPorts.FREE.take(1).get(0);
            long begin = System.nanoTime();
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            try {
                NodeAddress address = new NodeAddress("127.0.0.1", port);
                Waits.until("redis-server on port " + port + " answering PING", Duration.ofSeconds(10), () -> {
                    try (RespConnection connection = RespConnection.open(address, Duration.ofMillis(100))) {
                        connection.callString("PING");
                        return List.of();
                    } catch (IOException e) {
                        return List.of(e.getMessage());
                    }
                });
                if (i > 0) {
                    millis.add((System.nanoTime() - begin) / 1e6);
                }
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return millis;
    }
}
