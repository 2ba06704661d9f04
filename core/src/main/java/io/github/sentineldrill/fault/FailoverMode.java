package io.github.sentineldrill.fault;

/**
 * How a manual failover of a Redis Cluster shard is asked for: {@code CLUSTER FAILOVER} on one of its replicas, with
 * no option, {@code FORCE} or {@code TAKEOVER}. Sentinel topologies have one kind of manual failover,
 * {@code SENTINEL FAILOVER}, which is {@link #DEFAULT}.
 */
public enum FailoverMode {
    /** The replica and its master agree on the switch: the master stops taking writes until the replica caught up. */
    DEFAULT,
    /** The replica does not wait for its master (which may be down) but still needs the other masters' votes. */
    FORCE,
    /** The replica takes the slots without any vote, bumping the epoch on its own. */
    TAKEOVER
}
