package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.internal.runtime.NodeConfigs;
import io.github.sentineldrill.internal.runtime.NodeLayout;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders {@code redis.conf} and {@code sentinel.conf} of a Sentinel topology, for speed and determinism:
 *
 * <ul>
 *   <li>{@code repl-diskless-sync-delay 0}: replicas sync at once instead of after Redis 7's default 5 s;</li>
 *   <li>no persistence ({@code save ""}, {@code appendonly no}) unless the spec's extra lines ask for it;</li>
 *   <li>sentinels pre-seeded with {@code sentinel myid}, {@code known-replica} and {@code known-sentinel}, so they
 *       need no discovery round before they agree.</li>
 * </ul>
 */
public final class SentinelConfigs {

    private SentinelConfigs() {
    }

    /** The identity of a sentinel that other sentinels are told about. */
    public record SentinelIdentity(String id, NodeAddress address) {
        public SentinelIdentity {
            if (!id.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("a sentinel id is 40 lowercase hex characters, was " + id);
            }
        }
    }

    /**
     * A data node.
     *
     * @param announced the address replicas and sentinels use for this node
     * @param replicaOf the master's address, empty for the master
     */
    public static String dataNode(ClusterSpec spec, NodeLayout layout, NodeAddress announced,
                                  Optional<NodeAddress> replicaOf) {
        StringBuilder conf = NodeConfigs.header(layout);
        NodeConfigs.dataNodeDefaults(conf);
        NodeConfigs.line(conf, "replica-announce-ip", announced.host());
        NodeConfigs.line(conf, "replica-announce-port", announced.port());
        replicaOf.ifPresent(master -> NodeConfigs.line(conf, "replicaof", master.host() + " " + master.port()));
        NodeConfigs.extra(conf, spec.redisConfig());
        return conf.toString();
    }

    /**
     * A sentinel, pre-seeded with the whole topology.
     *
     * @param self     this sentinel's id and the address other sentinels use for it
     * @param master   the master's announced address
     * @param replicas the replicas' announced addresses
     * @param others   the other sentinels
     */
    public static String sentinel(ClusterSpec spec, NodeLayout layout, SentinelIdentity self, NodeAddress master,
                                  List<NodeAddress> replicas, List<SentinelIdentity> others) {
        String name = spec.masterName();
        StringBuilder conf = NodeConfigs.header(layout);
        boolean anyHostname = Stream.concat(
                        Stream.of(master, self.address()),
                        Stream.concat(replicas.stream(), others.stream().map(SentinelIdentity::address)))
                .anyMatch(address -> !NodeConfigs.isIpLiteral(address.host()));
        if (anyHostname) {
            // Nodes known by name (a container network's aliases): resolve them, and hand them out as names.
            NodeConfigs.line(conf, "sentinel resolve-hostnames", "yes");
            NodeConfigs.line(conf, "sentinel announce-hostnames", "yes");
        }
        NodeConfigs.line(conf, "sentinel myid", self.id());
        NodeConfigs.line(conf, "sentinel announce-ip", self.address().host());
        NodeConfigs.line(conf, "sentinel announce-port", self.address().port());
        NodeConfigs.line(conf, "sentinel monitor", name + " " + master.host() + " " + master.port() + " "
                + spec.effectiveQuorum());
        NodeConfigs.line(conf, "sentinel down-after-milliseconds", name + " " + spec.downAfter().toMillis());
        NodeConfigs.line(conf, "sentinel failover-timeout", name + " " + spec.failoverTimeout().toMillis());
        NodeConfigs.line(conf, "sentinel parallel-syncs", name + " " + spec.parallelSyncs());
        for (NodeAddress replica : replicas) {
            NodeConfigs.line(conf, "sentinel known-replica", name + " " + replica.host() + " " + replica.port());
        }
        for (SentinelIdentity other : others) {
            NodeConfigs.line(conf, "sentinel known-sentinel", name + " " + other.address().host() + " "
                    + other.address().port() + " " + other.id());
        }
        NodeConfigs.extra(conf, spec.sentinelConfig());
        return conf.toString();
    }
}
