package io.github.sentineldrill.internal;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the sentinels of a topology say: who is master, whether a failover is under way, which epoch it is at. */
final class SentinelView {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Margin over down-after and failover-timeout for a failover's detection and election. */
    private static final Duration FAILOVER_MARGIN = Duration.ofSeconds(5);

    private final ClusterSpec spec;
    private final Topology topology;
    private final ClusterHealth health;

    SentinelView(ClusterSpec spec, Topology topology, ClusterHealth health) {
        this.spec = spec;
        this.topology = topology;
        this.health = health;
    }

    /** How long the waits for a failover take at most by default: down-after, failover-timeout and a margin. */
    Duration defaultFailoverTimeout() {
        return spec.downAfter().plus(spec.failoverTimeout()).plus(FAILOVER_MARGIN);
    }

    /** Waits until the master is decided (see {@link #masterDecidedProblems}) and returns it. */
    NodeHandle awaitDecidedMaster(Duration timeout) {
        NodeHandle[] decided = new NodeHandle[1];
        Waits.until("the master of '" + spec.masterName() + "' decided", timeout,
                () -> masterDecidedProblems(decided));
        return decided[0];
    }

    /**
     * What keeps the master from being decided: it is once a quorum of sentinels (or all running sentinels, if fewer
     * run) names a master that runs and says it is one, or names a master and no sentinel has a failover in progress
     * (the master they name may be down: it is restarted).
     */
    private List<String> masterDecidedProblems(NodeHandle[] decided) {
        List<String> problems = new ArrayList<>();
        Map<NodeAddress, Integer> votes = health.masterVotes(problems);
        // With fewer sentinels running than the quorum, no failover can happen: those running decide.
        int answering = votes.values().stream().mapToInt(Integer::intValue).sum();
        int needed = Math.max(1, Math.min(spec.effectiveQuorum(), answering));
        Optional<NodeHandle> named = votes.entrySet().stream()
                .filter(vote -> vote.getValue() >= needed)
                .max(Map.Entry.comparingByValue())
                .flatMap(vote -> nodeAt(vote.getKey()));
        if (named.isEmpty()) {
            problems.add("no quorum of " + spec.effectiveQuorum() + " sentinels names one master: " + describe(votes));
            return problems;
        }
        NodeHandle master = named.get();
        if (master.state() == NodeState.RUNNING && "master".equals(role(master))) {
            decided[0] = master;
            return List.of();
        }
        List<String> inProgress = failoverProblems();
        if (inProgress.isEmpty()) {
            decided[0] = master;
            return List.of();
        }
        return inProgress;
    }

    private static String role(NodeHandle node) {
        try (RespConnection connection = RespConnection.open(node.reachableAddress(), CALL_TIMEOUT)) {
            return connection.info("replication").get("role");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The highest config epoch of the master any sentinel has: it grows with every failover. */
    long maxConfigEpoch() {
        long max = 0;
        for (NodeHandle sentinel : topology.sentinels()) {
            try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), CALL_TIMEOUT)) {
                String epoch = connection.callFields("SENTINEL", "MASTER", spec.masterName()).get("config-epoch");
                max = Math.max(max, epoch == null ? 0 : Long.parseLong(epoch));
            } catch (IOException e) {
                throw new SentinelDrillException("Could not read the config epoch of " + sentinel.name() + ": "
                        + e.getMessage(), e);
            }
        }
        return max;
    }

    /**
     * {@code SENTINEL RESET} on every sentinel: it forgets a failover it took part in, which would otherwise keep it
     * from starting another for twice the failover-timeout, and rediscovers the replicas and sentinels.
     */
    void resetSentinels() {
        for (NodeHandle sentinel : topology.sentinels()) {
            try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), CALL_TIMEOUT)) {
                connection.call("SENTINEL", "RESET", spec.masterName());
            } catch (IOException e) {
                throw new SentinelDrillException("Could not reset " + sentinel.name() + ": " + e.getMessage(), e);
            }
        }
    }

    List<String> failoverProblems() {
        List<String> problems = new ArrayList<>();
        for (NodeHandle sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try (RespConnection connection = RespConnection.open(sentinel.reachableAddress(), CALL_TIMEOUT)) {
                String flags = connection.callFields("SENTINEL", "MASTER", spec.masterName()).get("flags");
                if (flags != null && flags.contains("failover_in_progress")) {
                    problems.add(sentinel.name() + " has a failover in progress (flags " + flags + ")");
                }
            } catch (IOException e) {
                problems.add(sentinel.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    Map<NodeAddress, Integer> votes() {
        return health.masterVotes(new ArrayList<>());
    }

    String describe(Map<NodeAddress, Integer> votes) {
        if (votes.isEmpty()) {
            return "nothing (no sentinel answers)";
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        votes.forEach((address, count) -> named.put(nodeAt(address).map(NodeHandle::name).orElse(address.toString()),
                count));
        return named.toString();
    }

    Optional<NodeHandle> nodeAt(NodeAddress address) {
        return topology.dataNodes().stream().filter(node -> node.address().equals(address)).findFirst();
    }

    /** The data node the sentinels name as master. */
    NodeHandle currentMaster() {
        NodeAddress address = health.reportedMaster();
        return nodeAt(address).orElseThrow(() -> new SentinelDrillException("The sentinels report " + address
                + " as master of '" + spec.masterName() + "', which is no node of this topology"));
    }
}
