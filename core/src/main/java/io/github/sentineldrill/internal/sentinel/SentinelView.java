package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.Waits;
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.runtime.Node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the sentinels of a topology say: who is master, whether a failover is under way, which epoch it is at. */
final class SentinelView {

    /** Margin over down-after and failover-timeout for a failover's detection and election. */
    private static final Duration FAILOVER_MARGIN = Duration.ofSeconds(5);

    private final SentinelNodes topology;
    private final SentinelHealth health;

    SentinelView(SentinelNodes topology, SentinelHealth health) {
        this.topology = topology;
        this.health = health;
    }

    /** How long the waits for a failover take at most by default: down-after, failover-timeout and a margin. */
    Duration defaultFailoverTimeout() {
        return topology.spec().downAfter().plus(topology.spec().failoverTimeout()).plus(FAILOVER_MARGIN);
    }

    /** Waits until the master is decided (see {@link #masterDecidedProblems}) and returns it. */
    Node awaitDecidedMaster(Duration timeout) {
        Node[] decided = new Node[1];
        Waits.until("the master of '" + topology.masterName() + "' decided", timeout,
                () -> masterDecidedProblems(decided));
        return decided[0];
    }

    /**
     * What keeps the master from being decided: it is once a quorum of sentinels (or all running sentinels, if fewer
     * run) names a master that runs and says it is one, or names a master and no sentinel has a failover in progress
     * (the master they name may be down: it is restarted).
     */
    private List<String> masterDecidedProblems(Node[] decided) {
        List<String> problems = new ArrayList<>();
        Map<NodeAddress, Integer> votes = health.masterVotes(problems);
        // With fewer sentinels running than the quorum, no failover can happen: those running decide.
        int answering = votes.values().stream().mapToInt(Integer::intValue).sum();
        int needed = Math.max(1, Math.min(topology.spec().effectiveQuorum(), answering));
        Optional<Node> named = votes.entrySet().stream()
                .filter(vote -> vote.getValue() >= needed)
                .max(Map.Entry.comparingByValue())
                .flatMap(vote -> topology.dataNodeAt(vote.getKey()));
        if (named.isEmpty()) {
            problems.add("no quorum of " + topology.spec().effectiveQuorum() + " sentinels names one master: "
                    + describe(votes));
            return problems;
        }
        Node master = named.get();
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

    private String role(Node node) {
        try {
            return topology.probe(node, SentinelNodes::role);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The highest config epoch of the master any running sentinel has: it grows with every failover. */
    long maxConfigEpoch() {
        long max = 0;
        for (Node sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                String epoch = topology.command(sentinel, c -> c.callFields("SENTINEL", "MASTER",
                        topology.masterName()).get("config-epoch"));
                max = Math.max(max, epoch == null ? 0 : Long.parseLong(epoch));
            } catch (IOException | NumberFormatException e) {
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
    void resetSentinels(List<Node> except) {
        for (Node sentinel : topology.sentinels()) {
            if (except.contains(sentinel) || sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                topology.command(sentinel, c -> c.call("SENTINEL", "RESET", topology.masterName()));
            } catch (IOException e) {
                throw new SentinelDrillException("Could not reset " + sentinel.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Makes {@code sentinel}, which leads a failover still under way, monitor {@code master} anew: {@code SENTINEL
     * REMOVE} and {@code SENTINEL MONITOR}, with the spec's settings for the master set again. A reset would leave a
     * failover's leader on the old master's address with the new epoch, which no hello message corrects; its failover
     * would otherwise end only after it read every replica's INFO again, once a second during a failover.
     */
    void remonitor(Node sentinel, NodeAddress master) {
        String name = topology.masterName();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"SENTINEL", "REMOVE", name});
        commands.add(new String[] {"SENTINEL", "MONITOR", name, master.host(), String.valueOf(master.port()),
                String.valueOf(topology.spec().effectiveQuorum())});
        commands.add(new String[] {"SENTINEL", "SET", name,
                "down-after-milliseconds", String.valueOf(topology.spec().downAfter().toMillis()),
                "failover-timeout", String.valueOf(topology.spec().failoverTimeout().toMillis()),
                "parallel-syncs", String.valueOf(topology.spec().parallelSyncs())});
        for (String line : topology.spec().sentinelConfig()) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 4 && words[0].equalsIgnoreCase("sentinel") && words[2].equals(name)) {
                List<String> set = new ArrayList<>(List.of("SENTINEL", "SET", name, words[1]));
                set.addAll(List.of(words).subList(3, words.length));
                commands.add(set.toArray(String[]::new));
            }
        }
        try {
            List<Object> replies = topology.command(sentinel, c -> c.pipeline(commands));
            for (int i = 0; i < replies.size(); i++) {
                if (replies.get(i) instanceof IOException error) {
                    throw new SentinelDrillException("Could not make " + sentinel.name() + " monitor " + name
                            + " anew: " + String.join(" ", commands.get(i)) + " answered " + error.getMessage());
                }
            }
        } catch (IOException e) {
            throw new SentinelDrillException("Could not make " + sentinel.name() + " monitor " + name + " anew: "
                    + e.getMessage(), e);
        }
    }

    /** The running sentinels that lead a failover still under way. */
    List<Node> failoverLeaders() {
        List<Node> leaders = new ArrayList<>();
        for (Node sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                String flags = topology.probe(sentinel, c -> c.callFields("SENTINEL", "MASTER",
                        topology.masterName()).get("flags"));
                if (flags != null && flags.contains("failover_in_progress")) {
                    leaders.add(sentinel);
                }
            } catch (IOException e) {
                // Not answering: the reset's wait for health names it.
            }
        }
        return leaders;
    }

    /** Sentinels whose master has a failover in progress, in words. */
    List<String> failoverProblems() {
        List<String> problems = new ArrayList<>();
        for (Node sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                String flags = topology.probe(sentinel, c -> c.callFields("SENTINEL", "MASTER",
                        topology.masterName()).get("flags"));
                if (flags != null && flags.contains("failover_in_progress")) {
                    problems.add(sentinel.name() + " has a failover in progress (flags " + flags + ")");
                }
            } catch (IOException e) {
                problems.add(sentinel.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    /** Sentinels that name another master than {@code master}, in words. */
    List<String> notNaming(Node master) {
        List<String> problems = new ArrayList<>();
        for (Node sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                continue;
            }
            try {
                Object reply = topology.probe(sentinel,
                        c -> c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", topology.masterName()));
                String named = reply instanceof List<?> hostPort && hostPort.size() == 2
                        ? hostPort.get(0) + ":" + hostPort.get(1) : String.valueOf(reply);
                if (!named.equals(master.address().host() + ":" + master.address().port())) {
                    problems.add(sentinel.name() + " names " + named + " as master, not " + master.name());
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
        votes.forEach((address, count) -> named.put(topology.dataNodeAt(address).map(Node::name)
                .orElse(address.toString()), count));
        return named.toString();
    }

    /** The data node the sentinels name as master. */
    Node currentMaster() {
        NodeAddress address = health.reportedMaster();
        return topology.dataNodeAt(address).orElseThrow(() -> new SentinelDrillException("The sentinels report "
                + address + " as master of '" + topology.masterName() + "', which is no node of this topology"));
    }
}
