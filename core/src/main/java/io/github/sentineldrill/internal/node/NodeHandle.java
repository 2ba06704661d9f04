package io.github.sentineldrill.internal.node;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.RedisNode;
import io.lettuce.core.RedisURI;

import java.time.Duration;

/**
 * A node as the runtime sees it: the public {@link RedisNode}, plus where the test JVM reaches it directly and what
 * faults have done to it. {@link #address()} is what its peers and clients are told (its relay, for nodes behind
 * one); {@link #reachableAddress()} bypasses the relay.
 */
public interface NodeHandle extends RedisNode {

    /** Command timeout of the URIs handed out by {@link #uri()}. */
    Duration URI_TIMEOUT = Duration.ofSeconds(5);

    NodeRole role();

    /** What faults have done to this node's process. */
    NodeState state();

    /** Records what a fault did to this node's process. */
    void state(NodeState state);

    @Override
    default boolean isSentinel() {
        return role() == NodeRole.SENTINEL;
    }

    @Override
    default RedisURI uri() {
        NodeAddress reachable = reachableAddress();
        return RedisURI.builder().withHost(reachable.host()).withPort(reachable.port()).withTimeout(URI_TIMEOUT).build();
    }
}
