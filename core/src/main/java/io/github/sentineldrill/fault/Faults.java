package io.github.sentineldrill.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults Sentinel Drill can inject, on every backend. Each is a value; inject it with
 * {@code cluster.inject(fault)} (a handle that heals on close) or run it in a drill.
 *
 * <pre>{@code
 * try (InjectedFault fault = cluster.inject(Faults.killMaster())) {
 *     RedisNode promoted = cluster.awaitFailover();
 * }   // the old master is started again, as a replica
 * }</pre>
 *
 * <p>Faults on a master or a replica aim at shard 0; on a Redis Cluster, {@link NodeFault#onShard(int)} aims them at
 * another shard. {@link #killSentinels(int)} fits Sentinel topologies only, {@link #killShard(int)} and the modes of
 * {@link #manualFailover(FailoverMode)} other than {@link FailoverMode#DEFAULT} Redis Cluster topologies only.
 */
public final class Faults {

    private Faults() {
    }

    /** SIGKILL of the master ({@code docker kill} on DOCKER): writes in flight fail, the topology fails over. */
    public static NodeFault killMaster() {
        return new BuiltInFaults.KillMaster(0);
    }

    /** SIGTERM of the master: Redis shuts down gracefully, as on {@code SHUTDOWN}; the topology fails over. */
    public static NodeFault stopMaster() {
        return new BuiltInFaults.StopMaster(0);
    }

    /**
     * The master suspended for {@code duration} (SIGSTOP, {@code docker pause}), then resumed. Longer than the failure
     * detection (down-after, node-timeout), it causes a failover and the old master returns as a stale master until
     * it is demoted.
     */
    public static NodeFault freezeMaster(Duration duration) {
        return new BuiltInFaults.FreezeMaster(requirePositive("duration", duration), 0);
    }

    /**
     * The master cut off from its peers (sentinels, replicas, other cluster nodes) for {@code duration}, both ways,
     * while clients in the test JVM still reach it: the split brain in which the old master acknowledges writes that
     * the failover then discards. Links stall as in a partition that drops packets; when it heals, they flow on.
     */
    public static NodeFault partitionMaster(Duration duration) {
        return new BuiltInFaults.PartitionMaster(requirePositive("duration", duration), 0);
    }

    /**
     * The master killed and started again at once on its address, before the topology reacts. Without persistence it
     * returns empty, and its replicas, resyncing from it, drop their data too: the hazard the Redis documentation warns
     * of.
     */
    public static NodeFault restartMaster() {
        return new BuiltInFaults.RestartMaster(0);
    }

    /**
     * A planned switch to a replica without the master failing: {@code SENTINEL FAILOVER}, or on a Redis Cluster
     * {@code CLUSTER FAILOVER} on the shard's first replica.
     */
    public static NodeFault manualFailover() {
        return new BuiltInFaults.ManualFailover(FailoverMode.DEFAULT, 0);
    }

    /** {@code CLUSTER FAILOVER} with {@code mode} on the shard's first replica; for Redis Cluster topologies. */
    public static NodeFault manualFailover(FailoverMode mode) {
        return new BuiltInFaults.ManualFailover(Objects.requireNonNull(mode, "mode"), 0);
    }

    /** SIGKILL of replica {@code index} (0-based, in the order the master's replicas are listed when injected). */
    public static NodeFault killReplica(int index) {
        return new BuiltInFaults.KillReplica(index, 0);
    }

    /**
     * SIGKILL of the first {@code count} sentinels in start order. With fewer sentinels left than the quorum, or than a
     * majority of all sentinels, no failover can happen.
     */
    public static Fault killSentinels(int count) {
        return new BuiltInFaults.KillSentinels(count);
    }

    /**
     * SIGKILL of the master and every replica of a Redis Cluster shard: its slots are served by nobody, and with
     * {@code cluster-require-full-coverage yes} (Redis's default) the whole cluster refuses commands until it heals.
     */
    public static Fault killShard(int shard) {
        return new BuiltInFaults.KillShard(shard);
    }

    static int requireShard(int shard) {
        if (shard < 0) {
            throw new IllegalArgumentException("onShard: shard = " + shard + "; allowed: 0 to shards - 1");
        }
        return shard;
    }

    static Duration requirePositive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " = " + duration + "; allowed: a positive duration");
        }
        return duration;
    }
}
