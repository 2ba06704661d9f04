package io.github.sentineldrill.junit;

/**
 * How long a topology declared with {@link RedisSentinelCluster} lives.
 */
public enum ClusterLifecycle {
    /**
     * One topology for the test class, started before its first test and closed after its last; {@code @Nested}
     * classes share it. Each test method starts with a healthy topology.
     */
    PER_CLASS,
    /** A fresh topology for each test method, closed when the method ends. */
    PER_METHOD
}
