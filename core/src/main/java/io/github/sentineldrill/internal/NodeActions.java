package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What faults and resets do to nodes, on any backend: take them down, start them again as the right role, resume
 * them, and make replicas follow the master.
 */
final class NodeActions {

    private static final Logger LOG = LoggerFactory.getLogger(NodeActions.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final long ALIGN_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ClusterSpec spec;
    private final Topology topology;
    private final SentinelView sentinels;

    NodeActions(ClusterSpec spec, Topology topology, SentinelView sentinels) {
        this.spec = spec;
        this.topology = topology;
        this.sentinels = sentinels;
    }

    /**
     * Re-aligns the data nodes every half second while a wait of the reset sees problems: a node can be re-pointed
     * after the first alignment (by a sentinel acting on a state older than ours, or a replica chained to a demoted
     * master), and the reset, not Sentinel's slower repairs, owns getting every replica onto the master.
     */
    /** Wraps a reset's wait so that it re-aligns the data nodes (see {@link Aligner}) while {@code problems} remain. */
    Supplier<List<String>> realigningWhile(Supplier<NodeHandle> master, Supplier<List<String>> problems) {
        return new Aligner(master).whileWrong(problems);
    }

    private final class Aligner {
        private final Supplier<NodeHandle> master;
        private long lastAlign = System.nanoTime();

        Aligner(Supplier<NodeHandle> master) {
            this.master = master;
        }

        Supplier<List<String>> whileWrong(Supplier<List<String>> problems) {
            return () -> {
                List<String> now = problems.get();
                if (!now.isEmpty() && System.nanoTime() - lastAlign > ALIGN_EVERY_NANOS) {
                    lastAlign = System.nanoTime();
                    align(master.get());
                }
                return now;
            };
        }
    }

    /** Makes every running data node other than {@code master} replicate it, if it does not. */
    void align(NodeHandle master) {
        NodeAddress target = master.address();
        for (NodeHandle node : topology.dataNodes()) {
            if (node == master || node.state() != NodeState.RUNNING) {
                continue;
            }
            try (RespConnection connection = RespConnection.open(node.reachableAddress(), CALL_TIMEOUT)) {
                Map<String, String> replication = connection.info("replication");
                boolean replicates = "slave".equals(replication.get("role"))
                        && target.host().equals(replication.get("master_host"))
                        && String.valueOf(target.port()).equals(replication.get("master_port"));
                if (!replicates) {
                    LOG.debug("{} is {} of {}:{}; making it a replica of {}", node.name(), replication.get("role"),
                            replication.get("master_host"), replication.get("master_port"), master.name());
                    connection.call("REPLICAOF", target.host(), String.valueOf(target.port()));
                }
            } catch (IOException e) {
                LOG.debug("Could not align {} yet: {}", node.name(), e.getMessage());
            }
        }
    }

    List<String> replicationProblems(NodeHandle master) {
        List<String> problems = new ArrayList<>();
        try (RespConnection connection = RespConnection.open(master.reachableAddress(), CALL_TIMEOUT)) {
            Map<String, String> replication = connection.info("replication");
            long online = replication.entrySet().stream()
                    .filter(e -> e.getKey().matches("slave\\d+") && e.getValue().contains("state=online"))
                    .count();
            if (online == spec.replicas()) {
                return List.of();
            }
            problems.add(master.name() + " has " + online + " replicas online, expected " + spec.replicas());
        } catch (IOException e) {
            return List.of(master.name() + " does not answer: " + e.getMessage());
        }
        for (NodeHandle node : topology.dataNodes()) {
            if (node == master || node.state() != NodeState.RUNNING) {
                continue;
            }
            try (RespConnection connection = RespConnection.open(node.reachableAddress(), CALL_TIMEOUT)) {
                Map<String, String> replication = connection.info("replication");
                problems.add(node.name() + ": role " + replication.get("role") + " of "
                        + replication.get("master_host") + ":" + replication.get("master_port") + ", link "
                        + replication.get("master_link_status"));
            } catch (IOException e) {
                problems.add(node.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Starts again those of {@code nodes} that are down, and waits until they answer: a data node as a replica of the
     * decided master (a failover under way is let finish), or as master if that is the node itself.
     */
    void restartIfDown(List<NodeHandle> nodes) {
        List<NodeHandle> down = nodes.stream().filter(node -> node.state() == NodeState.DOWN).toList();
        if (!down.isEmpty()) {
            boolean anyDataNode = down.stream().anyMatch(node -> !node.isSentinel());
            restartIfDown(down, anyDataNode
                    ? Optional.of(sentinels.awaitDecidedMaster(sentinels.defaultFailoverTimeout()).address())
                    : Optional.empty());
        }
    }

    /** Starts again those of {@code nodes} that are down, data nodes as replicas of {@code master} unless it is them. */
    void restartIfDown(List<NodeHandle> nodes, Optional<NodeAddress> master) {
        List<NodeHandle> down = nodes.stream().filter(node -> node.state() == NodeState.DOWN).toList();
        if (down.isEmpty()) {
            return;
        }
        for (NodeHandle node : down) {
            restart(node, node.isSentinel() || master.isEmpty() || master.get().equals(node.address())
                    ? Optional.empty() : master);
        }
        awaitAnswering(down, spec.startTimeout());
    }

    /** SIGKILL (docker kill); returns once the node is gone. */
    void kill(NodeHandle node) {
        takeDown(node, () -> topology.kill(node));
    }

    /** SIGTERM, a graceful shutdown; returns once the node is gone. */
    void stop(NodeHandle node, Duration timeout) {
        takeDown(node, () -> topology.stop(node, timeout));
    }

    /**
     * Takes a node down. It is marked down first, so that no check mistakes it for a crash, and a data node's relay
     * stops listening, so that peers find its port refused, as they would without a relay, rather than accepted and
     * then closed.
     */
    private void takeDown(NodeHandle node, Runnable action) {
        node.state(NodeState.DOWN);
        if (!node.isSentinel()) {
            topology.relays().refuse(node);
        }
        action.run();
    }

    /** Starts a node that is down again, on its address (see {@link Topology#restart}). */
    void restart(NodeHandle node, Optional<NodeAddress> replicaOf) {
        if (node.state() != NodeState.DOWN) {
            throw new IllegalStateException(node.name() + " is " + node.state().name().toLowerCase()
                    + "; only a node that is down can be restarted");
        }
        if (!node.isSentinel()) {
            topology.relays().listen(node);
        }
        topology.restart(node, replicaOf);
        node.state(NodeState.RUNNING);
    }

    void freeze(NodeHandle node) {
        topology.freeze(node);
        node.state(NodeState.FROZEN);
    }

    void thawIfFrozen(NodeHandle node) {
        if (node.state() == NodeState.FROZEN) {
            topology.thaw(node);
            node.state(NodeState.RUNNING);
        }
    }

    void awaitAnswering(List<NodeHandle> nodes, Duration timeout) {
        Waits.until(TopologyStartup.names(nodes) + " answering PING after a restart", timeout, () -> {
            topology.checkProcesses();
            List<String> problems = new ArrayList<>();
            for (NodeHandle node : nodes) {
                try (RespConnection connection = RespConnection.open(node.reachableAddress(), CALL_TIMEOUT)) {
                    String reply = connection.callString("PING");
                    if (!"PONG".equals(reply)) {
                        problems.add(node.name() + " answered PING with " + reply);
                    }
                } catch (IOException e) {
                    problems.add(node.name() + " does not answer yet: " + e.getMessage());
                }
            }
            return problems;
        });
    }

    List<NodeHandle> allNodes() {
        List<NodeHandle> all = new ArrayList<>(topology.dataNodes());
        all.addAll(topology.sentinels());
        return all;
    }
}
