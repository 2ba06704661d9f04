package io.github.sentineldrill.junit;

/**
 * How long a topology declared with {@link RedisSentinelCluster} or {@link RedisCluster} lives.
 */
public enum ClusterLifecycle {
    /**
     * One topology for the test class, started before its first test and closed after its last; {@code @Nested}
     * classes share it. Before each test method the extension calls {@code cluster.reset()}: faults are healed, downed
     * nodes restarted and health checked, so each method starts with a healthy topology of the declared shape. The
     * master may be another node than in the previous method, if that one caused a failover: ask
     * {@code cluster.master()}.
     */
    PER_CLASS,
    /** A fresh topology for each test method, closed when the method ends. */
    PER_METHOD
}
