package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.SentinelDrillException;
import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.runtime.Node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the state of a Sentinel topology from its nodes and says, in words, what differs from healthy.
 *
 * <p>Healthy means: every sentinel reports the same master, with flags {@code master} only, {@code num-slaves} equal
 * to the replicas and {@code num-other-sentinels} equal to the other sentinels, every known replica and sentinel
 * connected and not down; that master is a node of the topology and has every replica online; every other data node
 * is a replica of it with {@code master_link_status:up} and no sync in progress; no node is cut off from its peers.
 */
final class SentinelHealth {

    private final SentinelNodes topology;

    SentinelHealth(SentinelNodes topology) {
        this.topology = topology;
    }

    /** What is wrong now; empty when the topology is healthy. */
    List<String> problems() {
        topology.nodes().checkProcesses();
        List<String> problems = new ArrayList<>();
        Set<NodeAddress> masters = new LinkedHashSet<>();
        for (Node sentinel : topology.sentinels()) {
            if (notRunning(sentinel, problems)) {
                continue;
            }
            try {
                topology.probe(sentinel, connection -> {
                    checkSentinel(sentinel, connection, masters, problems);
                    return null;
                });
            } catch (IOException e) {
                problems.add(sentinel.name() + " does not answer: " + e.getMessage());
            }
        }
        if (masters.size() > 1) {
            problems.add("sentinels disagree on the master: " + masters);
        }
        NodeAddress master = masters.size() == 1 ? masters.iterator().next() : null;
        if (master != null && topology.dataNodeAt(master).isEmpty()) {
            problems.add("sentinels name " + master + " as master, which is no node of this topology");
        }
        for (Node node : topology.dataNodes()) {
            if (topology.nodes().relays().isCut(node.name())) {
                problems.add(node.name() + " is cut off from its peers");
            }
            if (notRunning(node, problems)) {
                continue;
            }
            try {
                Map<String, String> replication = topology.probe(node, c -> c.info("replication"));
                checkDataNode(node, replication, master, problems);
            } catch (IOException e) {
                problems.add(node.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * The master as the sentinels report it: the address most answering sentinels give.
     *
     * @throws SentinelDrillException when no sentinel answers
     */
    NodeAddress reportedMaster() {
        List<String> failures = new ArrayList<>();
        Map<NodeAddress, Integer> votes = masterVotes(failures);
        Optional<NodeAddress> mostVoted = votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
        return mostVoted.orElseThrow(() -> new SentinelDrillException(
                "no sentinel reports a master for '" + topology.masterName() + "': " + String.join("; ", failures)));
    }

    /**
     * How many running sentinels report each master address ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
     *
     * @param failures gets one line per sentinel that gave no answer
     */
    Map<NodeAddress, Integer> masterVotes(List<String> failures) {
        Map<NodeAddress, Integer> votes = new LinkedHashMap<>();
        for (Node sentinel : topology.sentinels()) {
            if (sentinel.state() != NodeState.RUNNING) {
                failures.add(sentinel.name() + " is " + sentinel.state().describe());
                continue;
            }
            try {
                Object reply = topology.probe(sentinel,
                        c -> c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", topology.masterName()));
                if (reply instanceof List<?> hostPort && hostPort.size() == 2) {
                    NodeAddress address = new NodeAddress(String.valueOf(hostPort.get(0)),
                            parsePort(String.valueOf(hostPort.get(1))));
                    votes.merge(address, 1, Integer::sum);
                } else {
                    failures.add(sentinel.name() + " knows no master named '" + topology.masterName() + "'");
                }
            } catch (IOException e) {
                failures.add(sentinel.name() + " does not answer: " + e.getMessage());
            }
        }
        return votes;
    }

    private static int parsePort(String port) throws IOException {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IOException("not a port: " + port, e);
        }
    }

    /** Adds a problem and returns true if a fault has taken {@code node} down or frozen it. */
    private static boolean notRunning(Node node, List<String> problems) {
        if (node.state() == NodeState.RUNNING) {
            return false;
        }
        problems.add(node.name() + " is " + node.state().describe());
        return true;
    }

    private void checkSentinel(Node sentinel, io.github.sentineldrill.internal.resp.RespConnection connection,
                               Set<NodeAddress> masters, List<String> problems) throws IOException {
        String name = topology.masterName();
        Map<String, String> master = connection.callFields("SENTINEL", "MASTER", name);
        NodeAddress masterAddress = new NodeAddress(master.get("ip"), parsePort(master.get("port")));
        masters.add(masterAddress);
        String who = sentinel.name();
        expectFlags(problems, who + " sees master " + masterAddress, master.get("flags"), "master");
        expectCount(problems, who + " num-slaves", master.get("num-slaves"), topology.spec().replicas());
        expectCount(problems, who + " num-other-sentinels", master.get("num-other-sentinels"),
                topology.spec().sentinels() - 1);
        for (Map<String, String> replica : connection.callFieldsList("SENTINEL", "REPLICAS", name)) {
            expectFlags(problems, who + " sees replica " + replica.get("ip") + ":" + replica.get("port"),
                    replica.get("flags"), "slave");
        }
        for (Map<String, String> other : connection.callFieldsList("SENTINEL", "SENTINELS", name)) {
            expectFlags(problems, who + " sees sentinel " + other.get("ip") + ":" + other.get("port"),
                    other.get("flags"), "sentinel");
        }
    }

    private void checkDataNode(Node node, Map<String, String> replication, NodeAddress master,
                               List<String> problems) {
        String role = replication.get("role");
        if (node.address().equals(master)) {
            if (!"master".equals(role)) {
                problems.add(node.name() + " is the master for the sentinels but reports role " + role);
                return;
            }
            long online = onlineReplicas(replication);
            if (online != topology.spec().replicas()) {
                problems.add(node.name() + " (master) has " + online + " replicas online, expected "
                        + topology.spec().replicas());
            }
            return;
        }
        if (!"slave".equals(role)) {
            problems.add(node.name() + " reports role " + role + ", expected a replica of " + master);
        } else if (master != null && !(master.host().equals(replication.get("master_host"))
                && String.valueOf(master.port()).equals(replication.get("master_port")))) {
            problems.add(node.name() + " replicates " + replication.get("master_host") + ":"
                    + replication.get("master_port") + ", expected " + master);
        } else if (!"up".equals(replication.get("master_link_status"))) {
            problems.add(node.name() + " has master_link_status:" + replication.get("master_link_status"));
        } else if ("1".equals(replication.get("master_sync_in_progress"))) {
            problems.add(node.name() + " is still syncing from its master");
        }
    }

    /** Replicas the master reports online, from {@code INFO replication}. */
    static long onlineReplicas(Map<String, String> replication) {
        return replication.entrySet().stream()
                .filter(e -> e.getKey().matches("slave\\d+") && e.getValue().contains("state=online"))
                .count();
    }

    private static void expectFlags(List<String> problems, String what, String flags, String expected) {
        if (!expected.equals(flags)) {
            problems.add(what + " with flags " + flags + ", expected " + expected);
        }
    }

    private static void expectCount(List<String> problems, String what, String actual, int expected) {
        if (!String.valueOf(expected).equals(actual)) {
            problems.add(what + " = " + actual + ", expected " + expected);
        }
    }
}
