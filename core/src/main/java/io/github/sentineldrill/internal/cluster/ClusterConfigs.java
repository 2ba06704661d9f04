package io.github.sentineldrill.internal.cluster;

import io.github.sentineldrill.ShardedClusterSpec;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.runtime.NodeConfigs;

/**
 * The configs of a Redis Cluster's nodes, and their {@code nodes.conf} pre-seeded with the whole cluster, so that the
 * nodes start knowing each other, their slots, their roles and their epochs: no {@code CLUSTER MEET}, no slot
 * assignment, no discovery round.
 *
 * <p>Every node announces its relays (see {@link io.github.sentineldrill.internal.relay.NodeRelays}) for its client
 * and bus ports: peers, replicas and clients are told those addresses, so that a partition can cut a node's every
 * link, and the test JVM maps them to the nodes themselves.
 */
final class ClusterConfigs {

    static final String NODES_CONF = "nodes.conf";

    private ClusterConfigs() {
    }

    /** A node's {@code redis.conf}. */
    static String node(ShardedClusterSpec spec, Node node) {
        StringBuilder conf = NodeConfigs.header(node.layout());
        NodeConfigs.dataNodeDefaults(conf);
        NodeConfigs.line(conf, "cluster-enabled", "yes");
        NodeConfigs.line(conf, "cluster-config-file", NODES_CONF);
        NodeConfigs.line(conf, "cluster-node-timeout", spec.nodeTimeout().toMillis());
        if (node.layout().busPortIsCustom()) {
            NodeConfigs.line(conf, "cluster-port", node.layout().busPort().getAsInt());
        }
        NodeConfigs.line(conf, "cluster-announce-ip", node.address().host());
        NodeConfigs.line(conf, "cluster-announce-port", node.address().port());
        NodeConfigs.line(conf, "cluster-announce-bus-port", node.busAddress().orElseThrow().port());
        NodeConfigs.extra(conf, spec.redisConfig());
        return conf.toString();
    }

    /**
     * The {@code nodes.conf} of {@code self}: one line per node ({@code id ip:port@cport flags master 0 0 epoch
     * connected slots}), {@code myself} on its own, then the epochs. Masters have config epochs 1 to shards; replicas
     * 0.
     */
    static String nodesConf(ClusterShape shape, Node self) {
        StringBuilder conf = new StringBuilder(256 * shape.all().size());
        int shards = shape.spec().shards();
        for (int shard = 0; shard < shards; shard++) {
            Node master = shape.firstMaster(shard);
            line(conf, self, master, "master", "-", shard + 1, shape.slots(shard).toString());
            for (Node replica : shape.firstReplicas(shard)) {
                line(conf, self, replica, "slave", master.busId().orElseThrow(), 0, "");
            }
        }
        conf.append("vars currentEpoch ").append(shards).append(" lastVoteEpoch 0\n");
        return conf.toString();
    }

    private static void line(StringBuilder conf, Node self, Node node, String role, String masterId, long epoch,
                             String slots) {
        conf.append(node.busId().orElseThrow()).append(' ')
                .append(node.address().host()).append(':').append(node.address().port())
                .append('@').append(node.busAddress().orElseThrow().port()).append(' ')
                .append(node == self ? "myself," : "").append(role).append(' ')
                .append(masterId).append(" 0 0 ").append(epoch).append(" connected");
        if (!slots.isEmpty()) {
            conf.append(' ').append(slots);
        }
        conf.append('\n');
    }
}
