package io.github.sentineldrill;

import io.lettuce.core.RedisURI;

/**
 * One process of a topology: a Redis data node (master or replica, of a Sentinel topology or a Redis Cluster) or a
 * sentinel.
 *
 * <p>A data node keeps its name and addresses for the life of the topology, while its role may change: after a
 * failover, {@link SentinelCluster#master()} returns another node.
 */
public interface RedisNode {

    /** A stable name such as {@code redis-0} (the first master) or {@code sentinel-2}; it also names log files. */
    String name();

    /** Whether this node is a sentinel rather than a data node. */
    boolean isSentinel();

    /**
     * The address the topology uses for this node inside: what sentinels and cluster nodes announce, and replicas
     * connect to. The test JVM may not reach it (DOCKER); {@link AddressMapper} maps it to {@link #reachableAddress()}.
     */
    NodeAddress address();

    /** Where the test JVM reaches this node directly, for clients of any library. */
    NodeAddress reachableAddress();

    /**
     * A new {@link RedisURI} that reaches this node from the test JVM, with a 5 second command timeout (Lettuce's
     * default of 60 seconds would stall a failing test for a minute).
     */
    RedisURI uri();

    /** The last {@code lines} lines of this node's log, for failure messages. */
    String logTail(int lines);
}
