package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.internal.node.NodeState;
import io.github.sentineldrill.internal.resp.RespConnection;
import io.github.sentineldrill.internal.runtime.Node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the state of a Redis Cluster from its nodes and says, in words, what differs from healthy.
 *
 * <p>Healthy means: every node runs, is cut off from nobody, and says {@code cluster_state:ok} with all 16384 slots
 * assigned and served and every node known; no node's view has a node failing, in a handshake, without an address or
 * disconnected; every shard's slots are served by one of its nodes, with every other node of the shard its replica,
 * linked ({@code master_link_status:up}).
 */
final class ClusterHealth {

    private final ClusterShape shape;

    ClusterHealth(ClusterShape shape) {
        this.shape = shape;
    }

    List<String> problems() {
        shape.nodes().checkProcesses();
        List<String> problems = new ArrayList<>();
        int expectedNodes = shape.all().size();
        for (Node node : shape.all()) {
            if (node.state() != NodeState.RUNNING) {
                problems.add(node.name() + " is " + node.state().describe());
                continue;
            }
            if (shape.nodes().relays().isCut(node.name())) {
                problems.add(node.name() + " is cut off from its peers");
            }
            try {
                shape.probe(node, c -> {
                    check(node, c, expectedNodes, problems);
                    return null;
                });
            } catch (IOException e) {
                problems.add(node.name() + " does not answer: " + e.getMessage());
            }
        }
        return problems;
    }

    private void check(Node node, RespConnection connection, int expectedNodes, List<String> problems)
            throws IOException {
        Map<String, String> info = RespConnection.infoFields(connection.callString("CLUSTER", "INFO"));
        String who = node.name();
        expect(problems, who + " cluster_state", info.get("cluster_state"), "ok");
        expect(problems, who + " cluster_slots_assigned", info.get("cluster_slots_assigned"),
                String.valueOf(Slots.COUNT));
        expect(problems, who + " cluster_slots_ok", info.get("cluster_slots_ok"), String.valueOf(Slots.COUNT));
        expect(problems, who + " cluster_known_nodes", info.get("cluster_known_nodes"), String.valueOf(expectedNodes));
        ClusterNodes view = ClusterNodes.parse(connection.callString("CLUSTER", "NODES"));
        for (ClusterNodes.Entry entry : view.entries()) {
            if (!entry.myself() && entry.troubled()) {
                problems.add(who + " sees " + shape.nameOf(entry.id()) + " with flags " + String.join(",",
                        entry.flags()) + ", link " + entry.linkState());
            }
        }
        ClusterNodes.Entry self = view.myself().orElse(null);
        if (self == null) {
            problems.add(who + " does not list itself");
            return;
        }
        int shard = shape.shardOf(node);
        int firstSlot = shape.slots(shard).from();
        if (self.master()) {
            if (self.slots().stream().noneMatch(range -> range.contains(firstSlot))) {
                problems.add(who + " is a master without the slots of its shard " + shard + " ("
                        + shape.slots(shard) + ")");
            }
        } else {
            String servedBy = view.ownerOf(firstSlot).map(ClusterNodes.Entry::id).orElse("");
            if (!self.masterId().equals(servedBy)) {
                problems.add(who + " replicates " + shape.nameOf(self.masterId()) + ", not the master of its shard "
                        + shard + " (" + shape.nameOf(servedBy) + ")");
            }
            Map<String, String> replication = connection.info("replication");
            if (!"up".equals(replication.get("master_link_status"))) {
                problems.add(who + " has master_link_status:" + replication.get("master_link_status"));
            } else if ("1".equals(replication.get("master_sync_in_progress"))) {
                problems.add(who + " is still syncing from its master");
            }
        }
    }

    private static void expect(List<String> problems, String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            problems.add(what + " = " + actual + ", expected " + expected);
        }
    }
}
