package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.resp.RespConnection;

import java.io.IOException;
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
        String image = System.getProperty("sentinel-drill.image",
                System.getenv().getOrDefault("SENTINEL_DRILL_IMAGE", "redis:7.2"));
        String label = "io.github.sentineldrill.benchmark=" + ProcessHandle.current().pid();
        List<Double> millis = new ArrayList<>();
        try {
            for (int i = 0; i <= count; i++) {
                long begin = System.nanoTime();
                List<Process> runs = new ArrayList<>();
                for (int c = 0; c < containers; c++) {
                    runs.add(new ProcessBuilder("docker", "run", "-d", "--label", label, image, "redis-server",
                            "--save", "").redirectOutput(ProcessBuilder.Redirect.DISCARD)
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

    private static void removeLabelled(String label) throws IOException, InterruptedException {
        Process list = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + label)
                .redirectErrorStream(true).start();
        List<String> ids = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank()).toList();
        list.waitFor(30, TimeUnit.SECONDS);
        if (!ids.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("docker", "rm", "-f"));
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
