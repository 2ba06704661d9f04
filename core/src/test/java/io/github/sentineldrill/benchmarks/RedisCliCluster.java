package io.github.sentineldrill.benchmarks;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.LoopbackPorts;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.resp.RespConnection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of 3 masters and 3 replicas made the usual way, on the {@code redis-server} of the PATH: six nodes
 * with {@code cluster-enabled yes}, then {@code redis-cli --cluster create ... --cluster-replicas 1 --cluster-yes},
 * measured by Sentinel Drill's definition of ready (every node says {@code cluster_state:ok} with 16384 slots and 6
 * nodes known, every replica linked).
 */
final class RedisCliCluster implements AutoCloseable {

    private static final Duration CALL = Duration.ofMillis(250);
    private final PeerProcesses processes;
    private final List<NodeAddress> nodes = new ArrayList<>();

    private RedisCliCluster(PeerProcesses processes) {
        this.processes = processes;
    }

    static RedisCliCluster create(long nodeTimeoutMillis) throws IOException, InterruptedException {
        RedisCliCluster cluster = new RedisCliCluster(new PeerProcesses("redis-cli-cluster"));
        try {
            List<Integer> ports = LoopbackPorts.FREE.takeWithPartners(6, 10_000);
            for (int port : ports) {
                cluster.nodes.add(new NodeAddress("127.0.0.1", port));
                Path node = Files.createDirectories(cluster.processes.directory().resolve(String.valueOf(port)));
                Path config = node.resolve("redis.conf");
                Files.writeString(config, "port " + port + "\nbind 127.0.0.1\ndir " + node + "\ncluster-enabled yes\n"
                        + "cluster-config-file nodes.conf\ncluster-node-timeout " + nodeTimeoutMillis + "\n",
                        StandardCharsets.UTF_8);
                cluster.processes.start(List.of("redis-server", config.toString()), node.resolve("redis.log"));
            }
            List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            cluster.nodes.forEach(address -> command.add(address.toString()));
            command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            cluster.awaitAnswering();
            Process create = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(cluster.processes.directory().resolve("create.log").toFile()).start();
            if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IOException("redis-cli --cluster create failed: "
                        + Files.readString(cluster.processes.directory().resolve("create.log")));
            }
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    private void awaitAnswering() {
        Waits.until("every node answering PING", Duration.ofSeconds(10), () -> {
            List<String> problems = new ArrayList<>();
            for (NodeAddress node : nodes) {
                try (RespConnection connection = RespConnection.open(node, CALL)) {
                    connection.callString("PING");
                } catch (IOException e) {
                    problems.add(node + ": " + e.getMessage());
                }
            }
            return problems;
        });
    }

    /** Waits until every node calls the cluster ok with every slot and node, and every replica is linked. */
    void awaitReady(Duration timeout) {
        Waits.until("the cluster ready", timeout, () -> {
            List<String> problems = new ArrayList<>();
            for (NodeAddress node : nodes) {
                try (RespConnection connection = RespConnection.open(node, CALL)) {
                    Map<String, String> info = RespConnection.infoFields(connection.callString("CLUSTER", "INFO"));
                    if (!"ok".equals(info.get("cluster_state")) || !"16384".equals(info.get("cluster_slots_ok"))
                            || !"6".equals(info.get("cluster_known_nodes"))) {
                        problems.add(node + ": " + info.get("cluster_state") + ", " + info.get("cluster_slots_ok")
                                + " slots ok, " + info.get("cluster_known_nodes") + " nodes known");
                    }
                    Map<String, String> replication = connection.info("replication");
                    if ("slave".equals(replication.get("role")) && !"up".equals(replication.get("master_link_status"))) {
                        problems.add(node + ": link to its master " + replication.get("master_link_status"));
                    }
                } catch (IOException e) {
                    problems.add(node + ": " + e.getMessage());
                }
            }
            return problems;
        });
    }

    /** Kills the master of slot 0 with SIGKILL; the time from then until another node serves slot 0, in ms. */
    double killMasterOfSlotZeroAndAwaitFailover(Duration timeout) throws IOException {
        NodeAddress master = ownerOfSlotZero(nodes.get(0)).orElseThrow();
        long pid;
        try (RespConnection connection = RespConnection.open(master, CALL)) {
            pid = Long.parseLong(connection.info("server").get("process_id"));
        }
        NodeAddress observer = nodes.stream().filter(node -> !node.equals(master)).findFirst().orElseThrow();
        long killed = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Waits.until("another node than " + master + " serving slot 0, seen from " + observer, timeout, () ->
                ownerOfSlotZero(observer).filter(owner -> !owner.equals(master)).isPresent()
                        ? List.of() : List.of("slot 0 still at " + master));
        return (System.nanoTime() - killed) / 1e6;
    }

    private static java.util.Optional<NodeAddress> ownerOfSlotZero(NodeAddress node) {
        try (RespConnection connection = RespConnection.open(node, CALL)) {
            for (Object range : (List<?>) connection.call("CLUSTER", "SLOTS")) {
                List<?> slots = (List<?>) range;
                if ((Long) slots.get(0) == 0) {
                    List<?> master = (List<?>) slots.get(2);
                    return java.util.Optional.of(new NodeAddress(String.valueOf(master.get(0)),
                            ((Long) master.get(1)).intValue()));
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        processes.close();
    }
}
