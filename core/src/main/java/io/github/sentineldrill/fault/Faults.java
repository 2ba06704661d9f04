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
 */
public final class Faults {

    private Faults() {
    }

    /** SIGKILL of the master ({@code docker kill} on DOCKER): writes in flight fail, the sentinels fail over. */
    public static Fault killMaster() {
        return new Fault(Fault.Kind.KILL_MASTER, null, 0);
    }

    /** SIGTERM of the master: Redis shuts down gracefully, as on {@code SHUTDOWN}; the sentinels fail over. */
    public static Fault stopMaster() {
        return new Fault(Fault.Kind.STOP_MASTER, null, 0);
    }

    /**
     * The master suspended for {@code duration} (SIGSTOP, {@code docker pause}), then resumed. Longer than the
     * sentinels' down-after, it causes a failover and the old master returns as a stale master until it is demoted.
     */
    public static Fault freezeMaster(Duration duration) {
        return new Fault(Fault.Kind.FREEZE_MASTER, positive("duration", duration), 0);
    }

    /**
     * The master cut off from the sentinels and the replicas for {@code duration}, while clients in the test JVM still
     * reach it: the split brain in which the old master acknowledges writes that the failover then discards. Node
     * links stall as in a partition that drops packets; when it heals, they flow on.
     */
    public static Fault partitionMaster(Duration duration) {
        return new Fault(Fault.Kind.PARTITION_MASTER, positive("duration", duration), 0);
    }

    /**
     * The master killed and started again at once on its address, before the sentinels react. Without persistence it
     * returns empty, and its replicas, resyncing from it, drop their data too: the hazard the Redis documentation warns
     * of.
     */
    public static Fault restartMaster() {
        return new Fault(Fault.Kind.RESTART_MASTER, null, 0);
    }

    /** {@code SENTINEL FAILOVER}: a planned switch to a replica, without the master failing. */
    public static Fault manualFailover() {
        return new Fault(Fault.Kind.MANUAL_FAILOVER, null, 0);
    }

    /** SIGKILL of replica {@code index} (0-based, in the order {@code cluster.replicas()} lists them when injected). */
    public static Fault killReplica(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("killReplica: index = " + index + "; allowed: 0 to replicas - 1");
        }
        return new Fault(Fault.Kind.KILL_REPLICA, null, index);
    }

    /**
     * SIGKILL of the first {@code count} sentinels in start order. With fewer sentinels left than the quorum, or than a
     * majority of all sentinels, no failover can happen.
     */
    public static Fault killSentinels(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("killSentinels: count = " + count + "; allowed: 1 to sentinels");
        }
        return new Fault(Fault.Kind.KILL_SENTINELS, null, count);
    }

    private static Duration positive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " = " + duration + "; allowed: a positive duration");
        }
        return duration;
    }
}
