package io.github.sentineldrill.fault;

import io.github.sentineldrill.RedisNode;

import java.util.List;

/**
 * A fault in effect on a topology. {@link #close()} heals it: a node that is down is started again on its address (a
 * data node as a replica of the master the sentinels name, or as master if they still name it), a frozen node is
 * resumed, a partition is lifted. It does not wait for the topology to converge; {@code cluster.reset()} does.
 */
public interface InjectedFault extends AutoCloseable {

    /** The fault that was injected. */
    Fault fault();

    /** The nodes it hit, as they were chosen when it was injected. */
    List<RedisNode> targets();

    /** When it was injected, in {@link System#nanoTime()} terms: the zero of drill timelines. */
    long injectedAtNanos();

    /** Whether it has been healed, by {@link #close()}, by running its course (a freeze or partition), or by a reset. */
    boolean isHealed();

    /** Heals the fault; idempotent. */
    @Override
    void close();
}
