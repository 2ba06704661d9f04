package io.github.sentineldrill.drill;

/**
 * The kind of topology a drill ran on, and which of its events the report's detection and failover times are
 * taken from.
 */
public enum TopologyKind {

    /** A master, its replicas and the sentinels that watch it: detection is {@code +odown}, failover {@code +switch-master}. */
    SENTINEL("+odown", "+switch-master"),

    /**
     * A Redis Cluster: detection is a node marking the shard's master {@code FAIL} ({@code +fail}), failover the
     * promoted replica serving the shard's slots ({@code +promoted}).
     */
    REDIS_CLUSTER("+fail", "+promoted");

    private final String detectionEvent;
    private final String failoverEvent;

    TopologyKind(String detectionEvent, String failoverEvent) {
        this.detectionEvent = detectionEvent;
        this.failoverEvent = failoverEvent;
    }

    /** The event whose first occurrence is the detection time. */
    public String detectionEvent() {
        return detectionEvent;
    }

    /** The event whose first occurrence is the failover time. */
    public String failoverEvent() {
        return failoverEvent;
    }
}
