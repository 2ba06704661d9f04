package io.github.sentineldrill.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to do to a topology: a value, built by {@link Faults}, that can be injected any number of times. It names its
 * target by role ("the master", "replica 1"), so the node it hits is decided when it is injected.
 */
public final class Fault {

    /** The kinds of fault, one per factory method of {@link Faults}. */
    public enum Kind {
        /** SIGKILL of the master's process, or {@code docker kill} of its container. */
        KILL_MASTER,
        /** SIGTERM of the master: Redis shuts down as on {@code SHUTDOWN}. */
        STOP_MASTER,
        /** The master suspended (SIGSTOP, {@code docker pause}) for a while, then resumed. */
        FREEZE_MASTER,
        /** The master cut off from the sentinels and the replicas for a while; the test's clients still reach it. */
        PARTITION_MASTER,
        /** The master killed and started again on its address at once, empty as it has no persistence. */
        RESTART_MASTER,
        /** {@code SENTINEL FAILOVER}: a planned switch to a replica. */
        MANUAL_FAILOVER,
        /** SIGKILL of one replica. */
        KILL_REPLICA,
        /** SIGKILL of some sentinels. */
        KILL_SENTINELS
    }

    private final Kind kind;
    private final Duration duration;
    private final int count;

    Fault(Kind kind, Duration duration, int count) {
        this.kind = kind;
        this.duration = duration;
        this.count = count;
    }

    public Kind kind() {
        return kind;
    }

    /** How long a freeze or partition lasts before it heals by itself; empty for other kinds. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** For {@link Kind#KILL_REPLICA}: which replica, 0-based, in the order {@code cluster.replicas()} lists them. */
    public OptionalInt replicaIndex() {
        return kind == Kind.KILL_REPLICA ? OptionalInt.of(count) : OptionalInt.empty();
    }

    /** For {@link Kind#KILL_SENTINELS}: how many sentinels, the first ones in start order. */
    public OptionalInt sentinelCount() {
        return kind == Kind.KILL_SENTINELS ? OptionalInt.of(count) : OptionalInt.empty();
    }

    /** Whether the fault's target is the master. */
    public boolean targetsMaster() {
        return kind != Kind.KILL_REPLICA && kind != Kind.KILL_SENTINELS;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fault that && kind == that.kind && Objects.equals(duration, that.duration)
                && count == that.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, duration, count);
    }

    /** The factory call that builds this fault, such as {@code freezeMaster(3000 ms)}. */
    @Override
    public String toString() {
        String method = switch (kind) {
            case KILL_MASTER -> "killMaster";
            case STOP_MASTER -> "stopMaster";
            case FREEZE_MASTER -> "freezeMaster";
            case PARTITION_MASTER -> "partitionMaster";
            case RESTART_MASTER -> "restartMaster";
            case MANUAL_FAILOVER -> "manualFailover";
            case KILL_REPLICA -> "killReplica";
            case KILL_SENTINELS -> "killSentinels";
        };
        String argument = duration != null ? duration.toMillis() + " ms"
                : kind == Kind.KILL_REPLICA || kind == Kind.KILL_SENTINELS ? String.valueOf(count) : "";
        return method + "(" + argument + ")";
    }
}
