package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.ClusterStartException;
import io.github.sentineldrill.NodeAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How every backend brings a topology up, in words a backend does not need to repeat: the data nodes together, then
 * the sentinels together once every data node answers, then a wait until the topology is healthy.
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
public final class TopologyStartup {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyStartup.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    /** What a backend does for the startup. */
    public interface Nodes {

        /** Starts these nodes, all together, and returns without waiting for them to answer. */
        void start(List<NodeHandle> nodes);

        /**
         * Called when {@code node} does not answer yet: throws a {@link RuntimeException} if it never will (its process
         * exited, its port was taken), with the reason and its log; returns otherwise.
         */
        void checkStarting(NodeHandle node);
    }

    private final ClusterSpec spec;
    private final Topology topology;
    private final Nodes nodes;
    private final StartupStyle style;

    /** With {@link StartupStyle#STOCK}, replicas are not told to connect at once and sentinels' timers stay as they are. */
    public TopologyStartup(ClusterSpec spec, Topology topology, StartupStyle style, Nodes nodes) {
        this.spec = spec;
        this.topology = topology;
        this.nodes = nodes;
        this.style = style;
    }

    /**
     * Starts every node and returns when the topology is healthy.
     *
     * @throws io.github.sentineldrill.ClusterNotHealthyException when a wait passes {@code deadlineNanos}
     */
    public void run(long deadlineNanos) {
        long begin = System.nanoTime();
        List<NodeHandle> dataNodes = topology.dataNodes();
        List<NodeHandle> sentinels = topology.sentinels();
        NodeHandle master = dataNodes.get(0);
        Set<NodeHandle> answering = new HashSet<>();
        Set<NodeHandle> reconnected = new HashSet<>();
        nodes.start(dataNodes);
        Waits.until("every data node answering PING", remaining(deadlineNanos), () -> {
            List<String> problems = pingProblems(dataNodes, answering);
            if (style == StartupStyle.DRILL && answering.contains(master)) {
                for (NodeHandle replica : dataNodes.subList(1, dataNodes.size())) {
                    if (answering.contains(replica) && reconnected.add(replica)) {
                        reconnect(replica, master.address());
                    }
                }
            }
            return problems;
        });
        long dataNodesUp = System.nanoTime();
        try (SentinelTimers timers = style == StartupStyle.DRILL ? SentinelTimers.forStartup() : SentinelTimers.none()) {
            nodes.start(sentinels);
            Waits.until("every sentinel answering PING", remaining(deadlineNanos), () -> {
                List<String> problems = pingProblems(sentinels, answering);
                sentinels.stream().filter(answering::contains).forEach(timers::shorten);
                return problems;
            });
            long sentinelsUp = System.nanoTime();
            ClusterHealth health = new ClusterHealth(spec, topology);
            Waits.until("topology '" + spec.masterName() + "' healthy", remaining(deadlineNanos), health::problems);
            LOG.debug("data nodes answering after {} us, sentinels after {} us, healthy after {} us",
                    (dataNodesUp - begin) / 1000, (sentinelsUp - begin) / 1000, (System.nanoTime() - begin) / 1000);
        }
    }

    /** Pings the nodes not yet known to answer; adds those that do to {@code answering}; says what is wrong. */
    private List<String> pingProblems(List<NodeHandle> candidates, Set<NodeHandle> answering) {
        List<String> problems = new ArrayList<>();
        for (NodeHandle node : candidates) {
            if (answering.contains(node)) {
                continue;
            }
            try (RespConnection connection = RespConnection.open(node.reachableAddress(), CALL_TIMEOUT)) {
                String reply = connection.callString("PING");
                if ("PONG".equals(reply)) {
                    answering.add(node);
                } else {
                    problems.add(node.name() + " answered PING with " + reply);
                }
            } catch (IOException e) {
                nodes.checkStarting(node);
                problems.add(node.name() + " does not answer yet: " + e.getMessage());
            }
        }
        return problems;
    }

    /** Makes a replica connect to its master now rather than at its next replication cron. */
    private static void reconnect(NodeHandle replica, NodeAddress master) {
        try (RespConnection connection = RespConnection.open(replica.reachableAddress(), CALL_TIMEOUT)) {
            List<Object> replies = connection.pipeline(List.of(
                    new String[] {"REPLICAOF", "NO", "ONE"},
                    new String[] {"REPLICAOF", master.host(), String.valueOf(master.port())}));
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

    /** Names of nodes, for messages. */
    public static String names(List<? extends NodeHandle> nodes) {
        return nodes.stream().map(NodeHandle::name).collect(Collectors.joining(", "));
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }
}
