package io.github.sentineldrill.fault;

import java.time.Duration;
import java.util.Optional;

/**
 * What to do to a topology: a value, built by {@link Faults}, that can be injected any number of times and knows how
 * to inject and heal itself. It names its target by role ("the master", "replica 1"), so the node it hits is decided
 * when it is injected. Two faults built the same way are equal; {@link #toString()} is the call that builds it.
 */
public interface Fault {

    /** The fault's name, as its factory method is called: {@code killMaster}, {@code freezeMaster}, ... */
    String name();

    /** How long the fault lasts before it heals by itself (a freeze, a partition); empty for the others. */
    default Optional<Duration> duration() {
        return Optional.empty();
    }

    /** Whether the fault aims at a master (of shard 0 by default on a Redis Cluster). */
    default boolean targetsMaster() {
        return false;
    }

    /** The call that builds this fault, such as {@code freezeMaster(3000 ms)} or {@code killMaster().onShard(2)}. */
    @Override
    String toString();
}
