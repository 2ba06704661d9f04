package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.ShardedClusterSpec;
import io.github.sentineldrill.internal.node.NodeRole;
import io.github.sentineldrill.internal.resp.Probes;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.runtime.NodePlan;
import io.github.sentineldrill.internal.runtime.TopologyNodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A Redis Cluster's nodes in their first layout: {@code redis-0} to {@code redis-(shards-1)} are the masters of shards
 * 0, 1, ... in slot order, and the replicas follow, shard by shard. Node ids are deterministic: the SHA-1 of the
 * node's name, so that a node is known by the same id in every run.
 */
record ClusterShape(ShardedClusterSpec spec, TopologyNodes nodes) {

    static final Duration PROBE_TIMEOUT = Duration.ofMillis(1_000);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    /** The nodes to start, masters first. */
    static List<NodePlan> plans(ShardedClusterSpec spec) {
        List<NodePlan> plans = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            String name = "redis-" + i;
            plans.add(new NodePlan(name, NodeRole.CLUSTER, idOf(name)));
        }
        return plans;
    }

    /** The id a node of this name announces: 40 hex characters, as Redis's own. */
    static String idOf(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(("sentinel-drill " + name).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 in this JVM", e);
        }
    }

    List<Node> all() {
        return nodes.all();
    }

    /** The first master of shard {@code index}. */
    Node firstMaster(int index) {
        return all().get(index);
    }

    /** The first replicas of shard {@code index}. */
    List<Node> firstReplicas(int index) {
        int from = spec.shards() + index * spec.replicasPerShard();
        return all().subList(from, from + spec.replicasPerShard());
    }

    /** The shard {@code node} belongs to (by its first layout: a shard keeps its nodes). */
    int shardOf(Node node) {
        int index = all().indexOf(node);
        return index < spec.shards() ? index : (index - spec.shards()) / Math.max(1, spec.replicasPerShard());
    }

    /** The nodes of shard {@code index}: its first master and its first replicas. */
    List<Node> shardNodes(int index) {
        List<Node> shard = new ArrayList<>(List.of(firstMaster(index)));
        shard.addAll(firstReplicas(index));
        return shard;
    }

    Slots.Range slots(int shard) {
        return Slots.ofShard(shard, spec.shards());
    }

    Optional<Node> byId(String id) {
        return all().stream().filter(node -> node.busId().map(id::equals).orElse(false)).findFirst();
    }

    String nameOf(String id) {
        return byId(id).map(Node::name).orElse(id.length() > 8 ? id.substring(0, 8) : id);
    }

    Probes probes() {
        return nodes.probes();
    }

    <T> T probe(Node node, Probes.Call<T> call) throws IOException {
        return probes().call(node.reachableAddress(), PROBE_TIMEOUT, call);
    }

    <T> T command(Node node, Probes.Call<T> call) throws IOException {
        return probes().call(node.reachableAddress(), CALL_TIMEOUT, call);
    }

    ClusterNodes view(Node node) throws IOException {
        return ClusterNodes.parse(probe(node, c -> c.callString("CLUSTER", "NODES")));
    }
}
