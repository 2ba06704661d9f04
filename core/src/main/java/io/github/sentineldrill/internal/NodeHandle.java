package io.github.sentineldrill.internal;

import io.github.sentineldrill.NodeAddress;
import io.github.sentineldrill.RedisNode;
import io.lettuce.core.RedisURI;

import java.time.Duration;

/** A node as a backend sees it: the public {@link RedisNode} plus the address the test JVM reaches it on. */
public interface NodeHandle extends RedisNode {

    /** Command timeout of the URIs handed out by {@link #uri()}. */
    Duration URI_TIMEOUT = Duration.ofSeconds(5);

    /** Where the test JVM connects to reach this node, bypassing its relay. */
    NodeAddress reachableAddress();

    /** What faults have done to this node's process. */
    NodeState state();

    /** Records what a fault did to this node's process; only {@link NodeActions} calls this. */
    void state(NodeState state);

    @Override
    default RedisURI uri() {
        NodeAddress reachable = reachableAddress();
        return RedisURI.builder().withHost(reachable.host()).withPort(reachable.port()).withTimeout(URI_TIMEOUT).build();
    }
}
