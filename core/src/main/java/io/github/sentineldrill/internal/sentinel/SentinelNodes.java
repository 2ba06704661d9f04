package io.github.sentineldrill.internal.sentinel;

import io.github.sentineldrill.ClusterSpec;
import io.github.sentineldrill.internal.resp.Probes;
import io.github.sentineldrill.internal.resp.RespConnection;
import io.github.sentineldrill.internal.runtime.Node;
import io.github.sentineldrill.internal.runtime.TopologyNodes;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Sentinel topology's nodes by role: the data nodes in start order ({@code redis-0} was the first master) and the
 * sentinels, over the runtime's {@link TopologyNodes}.
 */
record SentinelNodes(ClusterSpec spec, TopologyNodes nodes, List<Node> dataNodes, List<Node> sentinels) {

    /** Timeout of each probe call: generous for loopback, short enough that a frozen node does not stall a wait. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(1_000);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    SentinelNodes {
        dataNodes = List.copyOf(dataNodes);
        sentinels = List.copyOf(sentinels);
    }

    Probes probes() {
        return nodes.probes();
    }

    /** Runs {@code call} on a probe connection to {@code node}, with the probe timeout. */
    <T> T probe(Node node, Probes.Call<T> call) throws IOException {
        return probes().call(node.reachableAddress(), PROBE_TIMEOUT, call);
    }

    /** Runs {@code call} on a connection to {@code node}, with the longer timeout of commands. */
    <T> T command(Node node, Probes.Call<T> call) throws IOException {
        return probes().call(node.reachableAddress(), CALL_TIMEOUT, call);
    }

    /** The data node known by {@code address} inside the topology. */
    Optional<Node> dataNodeAt(io.github.sentineldrill.NodeAddress address) {
        return dataNodes.stream().filter(node -> node.address().equals(address)).findFirst();
    }

    String masterName() {
        return spec.masterName();
    }

    static String role(RespConnection connection) throws IOException {
        return connection.info("replication").get("role");
    }
}
