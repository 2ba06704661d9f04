package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.LoopbackPorts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 1 master, 2 replicas and 3 sentinels as a team writes them from Redis's docs, on the {@code redis-server} of the
 * PATH: {@code replicaof} for the replicas, {@code sentinel monitor} with quorum 2 and the given down-after for the
 * sentinels, everything else at Redis's defaults (among them a diskless sync delay of 5 s, and sentinels that find
 * each other through the master's hello channel).
 */
final class StockSentinelSetup extends SentinelPeer {

    private final PeerProcesses processes;
    private final List<NodeAddress> dataNodes = new ArrayList<>();
    private final List<NodeAddress> sentinels = new ArrayList<>();

    private StockSentinelSetup(PeerProcesses processes) {
        this.processes = processes;
    }

    static StockSentinelSetup start(long downAfterMillis) throws IOException {
        StockSentinelSetup setup = new StockSentinelSetup(new PeerProcesses("stock-sentinel"));
        try {
            List<Integer> ports = LoopbackPorts.FREE.take(6);
            int master = ports.get(0);
            for (int i = 0; i < 3; i++) {
                int port = ports.get(i);
                setup.dataNodes.add(new NodeAddress("127.0.0.1", port));
                setup.launch("redis-" + i, "redis.conf", "port " + port + "\nbind 127.0.0.1\ndir "
                        + setup.processes.directory() + "\ndbfilename redis-" + i + ".rdb\n"
                        + (i == 0 ? "" : "replicaof 127.0.0.1 " + master + "\n"));
            }
            for (int i = 0; i < 3; i++) {
                int port = ports.get(3 + i);
                setup.sentinels.add(new NodeAddress("127.0.0.1", port));
                setup.launch("sentinel-" + i, "sentinel.conf", "port " + port + "\nbind 127.0.0.1\n"
                        + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master + " 2\n"
                        + "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis + "\n"
                        + "sentinel failover-timeout " + MASTER_NAME + " 10000\n", "--sentinel");
            }
            return setup;
        } catch (IOException | RuntimeException e) {
            setup.close();
            throw e;
        }
    }

    private void launch(String name, String configName, String config, String... extra) throws IOException {
        Path node = Files.createDirectories(processes.directory().resolve(name));
        Path file = node.resolve(configName);
        Files.writeString(file, config, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("redis-server", file.toString()));
        command.addAll(List.of(extra));
        processes.start(command, node.resolve(name + ".log"));
    }

    @Override
    List<NodeAddress> dataNodes() {
        return dataNodes;
    }

    @Override
    List<NodeAddress> sentinels() {
        return sentinels;
    }

    @Override
    public void close() {
        processes.close();
    }
}
