package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.runtime.NodeConfigs;
import io.github.sentineldrill.internal.runtime.TopologyNodes;
import io.github.sentineldrill.internal.sentinel.SentinelConfigs.SentinelIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a Sentinel topology comes up, on any backend: the data nodes together, then the sentinels together once every
 * data node answers, then a wait until the topology is healthy.
 *
 * <p>Sentinels start last because a sentinel that cannot reach the master for down-after reports it subjectively
 * down, and a quorum of such sentinels would start a failover before any test does. Two Redis behaviours would each
 * add a second:
 * <ul>
 *   <li>a replica that tried its master before the master listened retries only at its next replication cron, so each
 *       replica is told, once it and the master answer, to connect anew: {@code REPLICAOF NO ONE} and
 *       {@code REPLICAOF master} in one pipeline, which no other client can observe in between;</li>
 *   <li>a sentinel whose first link to a peer sentinel was refused (they start together) retries only once per ping
 *       period, so each sentinel's ping period is shortened while the topology starts ({@link SentinelTimers}).</li>
 * </ul>
 */
final class SentinelStartup {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelStartup.class);

    private final SentinelNodes topology;

    SentinelStartup(SentinelNodes topology) {
        this.topology = topology;
    }

    /**
     * Writes every config, starts every node, and returns when the topology is healthy.
     *
     * @throws io.github.sentineldrill.ClusterNotHealthyException when a wait passes {@code deadlineNanos}
     */
    void run(long deadlineNanos) {
        long begin = System.nanoTime();
        writeConfigs();
        List<Node> dataNodes = topology.dataNodes();
        Node master = dataNodes.get(0);
        TopologyNodes nodes = topology.nodes();
        Set<Node> answering = new HashSet<>();
        Set<Node> reconnected = new HashSet<>();
        nodes.start(dataNodes);
        Waits.until("every data node answering PING", remaining(deadlineNanos), () -> {
            List<String> problems = pingProblems(dataNodes, answering);
            if (answering.contains(master)) {
                for (Node replica : dataNodes.subList(1, dataNodes.size())) {
                    if (answering.contains(replica) && reconnected.add(replica)) {
                        reconnect(replica, master.address());
                    }
                }
            }
            return problems;
        });
        long dataNodesUp = System.nanoTime();
        try (SentinelTimers timers = SentinelTimers.forStartup()) {
            nodes.start(topology.sentinels());
            Waits.until("every sentinel answering PING", remaining(deadlineNanos), () -> {
                List<String> problems = pingProblems(topology.sentinels(), answering);
                topology.sentinels().stream().filter(answering::contains).forEach(timers::shorten);
                return problems;
            });
            long sentinelsUp = System.nanoTime();
            SentinelHealth health = new SentinelHealth(topology);
            Waits.until("topology '" + topology.masterName() + "' healthy", remaining(deadlineNanos),
                    health::problems);
            LOG.debug("data nodes answering after {} us, sentinels after {} us, healthy after {} us",
                    (dataNodesUp - begin) / 1000, (sentinelsUp - begin) / 1000, (System.nanoTime() - begin) / 1000);
        }
    }

    private void writeConfigs() {
        List<Node> dataNodes = topology.dataNodes();
        NodeAddress master = dataNodes.get(0).address();
        List<NodeAddress> replicas = dataNodes.stream().skip(1).map(Node::address).toList();
        List<SentinelIdentity> identities = topology.sentinels().stream()
                .map(s -> new SentinelIdentity(NodeConfigs.randomId(), s.address()))
                .toList();
        for (Node node : dataNodes) {
            topology.nodes().writeConfig(node, SentinelConfigs.dataNode(topology.spec(), node.layout(), node.address(),
                    node == dataNodes.get(0) ? Optional.empty() : Optional.of(master)));
        }
        for (int i = 0; i < identities.size(); i++) {
            Node sentinel = topology.sentinels().get(i);
            SentinelIdentity self = identities.get(i);
            List<SentinelIdentity> others = identities.stream().filter(id -> id != self).toList();
            topology.nodes().writeConfig(sentinel, SentinelConfigs.sentinel(topology.spec(), sentinel.layout(), self,
                    master, replicas, others));
        }
    }

    /** Pings the nodes not yet known to answer; adds those that do to {@code answering}; says what is wrong. */
    private List<String> pingProblems(List<Node> candidates, Set<Node> answering) {
        List<String> problems = new ArrayList<>();
        for (Node node : candidates) {
            if (answering.contains(node)) {
                continue;
            }
            try {
                String reply = topology.probe(node, c -> c.callString("PING"));
                if ("PONG".equals(reply)) {
                    answering.add(node);
                } else {
                    problems.add(node.name() + " answered PING with " + reply);
                }
            } catch (IOException e) {
                topology.nodes().checkStarting(node);
                problems.add(node.name() + " does not answer yet: " + e.getMessage());
            }
        }
        return problems;
    }

    /** Makes a replica connect to its master now rather than at its next replication cron. */
    private void reconnect(Node replica, NodeAddress master) {
        try {
            List<Object> replies = topology.command(replica, c -> c.pipeline(List.of(
                    new String[] {"REPLICAOF", "NO", "ONE"},
                    new String[] {"REPLICAOF", master.host(), String.valueOf(master.port())})));
            for (Object reply : replies) {
                if (reply instanceof IOException error) {
                    throw error;
                }
            }
        } catch (IOException e) {
            throw new ClusterStartException("Could not connect " + replica.name() + " to its master " + master
                    + ": " + e.getMessage() + "; last lines of its log:\n" + replica.logTail(15), e);
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }
}
